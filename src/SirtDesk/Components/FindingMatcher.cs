using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SirtDesk.Data;
using SirtDesk.Standards.Osv;

namespace SirtDesk.Components;

/// <summary>
/// Matches stored components against stored advisories with the Standards matcher, in memory, and records one finding per
/// new (product version, component, advisory). Only the advisories that name a package of the components in question are
/// loaded (the <see cref="OsvPackage"/> keys), so a match after an SBOM import reads a few rows, not the whole database.
/// Findings are never removed here: a decision stays with its finding even if a later SBOM drops the component.
/// </summary>
public sealed class FindingMatcher(SirtDb db, TimeProvider clock)
{
    private const int Chunk = 500;

    /// <summary>After an SBOM import: the components of these product versions against every advisory.</summary>
    public Task<int> MatchProductVersionsAsync(IReadOnlyCollection<long> productVersionIds, CancellationToken ct) =>
        MatchAsync(db.Set<SbomComponent>().Where(c => productVersionIds.Contains(c.ProductVersionId) && c.PackageKey != null), null, ct);

    /// <summary>After an OSV import: every component against the advisories that were added or changed.</summary>
    public Task<int> MatchAdvisoriesAsync(IReadOnlyCollection<long> advisoryIds, CancellationToken ct) =>
        advisoryIds.Count == 0 ? Task.FromResult(0) : MatchAsync(db.Set<SbomComponent>().Where(c => c.PackageKey != null), advisoryIds.ToHashSet(), ct);

    private async Task<int> MatchAsync(IQueryable<SbomComponent> scope, HashSet<long>? onlyAdvisories, CancellationToken ct)
    {
        var components = await scope.AsNoTracking()
            .Select(c => new { c.ProductVersionId, c.Purl, c.Package, c.PackageKey, c.Name })
            .ToListAsync(ct);
        if (components.Count == 0)
        {
            return 0;
        }
        var keys = components.Select(c => c.PackageKey!).Distinct(StringComparer.Ordinal).ToList();
        var advisoryIds = new HashSet<long>();
        foreach (var chunk in keys.Chunk(Chunk))
        {
            advisoryIds.UnionWith(await db.Set<OsvPackage>().Where(p => chunk.Contains(p.Key)).Select(p => p.AdvisoryId).ToListAsync(ct));
        }
        if (onlyAdvisories is not null)
        {
            advisoryIds.IntersectWith(onlyAdvisories);
        }
        if (advisoryIds.Count == 0)
        {
            return 0;
        }
        var index = new OsvIndex();
        var idOf = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in advisoryIds.Chunk(Chunk))
        {
            var rows = await db.Set<OsvAdvisory>().AsNoTracking().Where(a => chunk.Contains(a.Id) && a.WithdrawnTicks == null)
                .Select(a => new { a.Id, a.OsvId, a.ModifiedTicks, a.Affected }).ToListAsync(ct);
            foreach (var a in rows)
            {
                index.Add(new Standards.Osv.OsvAdvisory(a.OsvId, new DateTimeOffset(a.ModifiedTicks, TimeSpan.Zero), null, null, [], null, [], AffectedJson.Read(a.Affected)));
                idOf[a.OsvId] = a.Id;
            }
        }

        var versions = components.Select(c => c.ProductVersionId).Distinct().ToList();
        var existing = new HashSet<(long, string, long)>();
        var teams = new Dictionary<long, string>();
        foreach (var chunk in versions.Chunk(Chunk))
        {
            foreach (var f in await db.Set<Finding>().Where(f => chunk.Contains(f.ProductVersionId)).Select(f => new { f.ProductVersionId, f.Purl, f.AdvisoryId }).ToListAsync(ct))
            {
                existing.Add((f.ProductVersionId, f.Purl, f.AdvisoryId));
            }
            foreach (var v in await db.Set<Inventory.ProductVersion>().Where(v => chunk.Contains(v.Id)).Select(v => new { v.Id, v.Product!.Team }).ToListAsync(ct))
            {
                teams[v.Id] = v.Team;
            }
        }

        var now = clock.GetUtcNow();
        var found = new List<Finding>();
        foreach (var c in components)
        {
            if (!Standards.Purl.Purl.TryParse(c.Purl, out var purl))
            {
                continue;
            }
            foreach (var osvId in index.Match(purl))
            {
                var advisoryId = idOf[osvId];
                if (existing.Add((c.ProductVersionId, c.Purl, advisoryId)))
                {
                    found.Add(new Finding
                    {
                        ProductVersionId = c.ProductVersionId,
                        Team = teams.GetValueOrDefault(c.ProductVersionId, ""),
                        Purl = c.Purl,
                        Package = c.Package ?? c.Purl,
                        ComponentName = c.Name,
                        AdvisoryId = advisoryId,
                        OsvId = osvId,
                        FoundAt = now,
                        UpdatedAt = now,
                    });
                }
            }
        }
        if (found.Count == 0)
        {
            return 0;
        }
        // Prepared ADO.NET inserts, as the OSV import: EF change tracking took most of a minute for 80,000 findings.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await using var finding = PreparedCommands.Insert(connection, tx.GetDbTransaction(), "Findings",
                ["ProductVersionId", "Team", "Purl", "Package", "ComponentName", "AdvisoryId", "OsvId", "State", "FoundAt", "UpdatedAt", "UpdatedBy"], returningId: true);
            await using var history = PreparedCommands.Insert(connection, tx.GetDbTransaction(), "FindingEvents", ["FindingId", "At", "Actor", "Action", "NewState"]);
            foreach (var f in found)
            {
                finding.Bind([f.ProductVersionId, f.Team, f.Purl, f.Package, f.ComponentName, f.AdvisoryId, f.OsvId, f.State, now.ToUniversalTime(), now.ToUniversalTime(), f.UpdatedBy]);
                f.Id = Convert.ToInt64(await finding.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                history.Bind([f.Id, now.ToUniversalTime(), "sirtdesk", "found", f.State]);
                await history.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return found.Count;
    }
}
