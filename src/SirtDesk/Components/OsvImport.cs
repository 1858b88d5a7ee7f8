using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SirtDesk.Data;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Components;

public sealed record OsvImportResult(int Added, int Updated, int Unchanged, int Withdrawn, IReadOnlyList<string> Problems, IReadOnlyList<long> ChangedAdvisoryIds)
{
    public int Read => Added + Updated + Unchanged;
}

/// <summary>
/// Imports OSV advisories incrementally: an advisory whose <c>modified</c> is not newer than the stored one is skipped,
/// a newer one replaces it, a withdrawn one stays and is marked. Rows go in with prepared ADO.NET commands, one
/// transaction per batch (as <c>Intake/ReportRows</c>): EF change tracking costs far more than the insert itself.
/// A file that is not an OSV advisory is reported by name and skipped; the others are imported, and importing the same
/// source again is harmless.
/// </summary>
public sealed class OsvImport(SirtDb db)
{
    public const int BatchSize = 5000;

    public async Task<OsvImportResult> ImportAsync(IEnumerable<Standards.Osv.OsvReadResult> records, CancellationToken ct)
    {
        var stored = new Dictionary<string, (long Id, long Ticks)>(StringComparer.Ordinal);
        await using (var read = db.Database.GetDbConnection().CreateCommand())
        {
            await db.Database.OpenConnectionAsync(ct);
            read.CommandText = """SELECT "OsvId", "Id", "ModifiedTicks" FROM "OsvAdvisories" """;
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        int added = 0, updated = 0, unchanged = 0, withdrawn = 0;
        var problems = new List<string>();
        var changed = new List<long>();
        var batch = new List<ParsedAdvisory>(BatchSize);
        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            if (record.Advisory is null)
            {
                problems.Add($"{record.Entry}: {record.Error}");
                continue;
            }
            if (stored.TryGetValue(record.Advisory.Id, out var known) && known.Id != 0 && record.Advisory.Modified.UtcTicks <= known.Ticks)
            {
                unchanged++;
                continue;
            }
            var parsed = FromStandard(record.Advisory);
            if (stored.TryGetValue(parsed.OsvId, out var pending) && pending.Id == 0)
            {
                // The same id twice in one batch: write the batch first so the second copy compares with the first.
                await WriteAsync(batch, stored, changed, ct);
                batch.Clear();
            }
            if (stored.TryGetValue(parsed.OsvId, out var existing))
            {
                if (parsed.ModifiedTicks <= existing.Ticks)
                {
                    unchanged++;
                    continue;
                }
                parsed.ExistingId = existing.Id;
                updated++;
            }
            else
            {
                added++;
            }
            if (parsed.WithdrawnTicks is not null)
            {
                withdrawn++;
            }
            stored[parsed.OsvId] = (parsed.ExistingId ?? 0, parsed.ModifiedTicks);
            batch.Add(parsed);
            if (batch.Count == BatchSize)
            {
                await WriteAsync(batch, stored, changed, ct);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await WriteAsync(batch, stored, changed, ct);
        }
        await db.Database.CloseConnectionAsync();
        return new OsvImportResult(added, updated, unchanged, withdrawn, problems, changed);
    }

    private async Task WriteAsync(List<ParsedAdvisory> batch, Dictionary<string, (long Id, long Ticks)> stored, List<long> changed, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            string[] columns = ["OsvId", "ModifiedTicks", "WithdrawnTicks", "Aliases", "Summary", "Severity", "SeverityVector", "Affected"];
            await using var insert = PreparedCommands.Insert(connection, transaction, "OsvAdvisories", columns, returningId: true);
            await using var update = PreparedCommands.Create(connection, transaction,
                $"""UPDATE "OsvAdvisories" SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE "Id" = @p{columns.Length}""", columns.Length + 1);
            await using var clearPackages = PreparedCommands.Create(connection, transaction, """DELETE FROM "OsvPackages" WHERE "AdvisoryId" = @p0""", 1);
            await using var package = PreparedCommands.Insert(connection, transaction, "OsvPackages", ["AdvisoryId", "Key"]);
            foreach (var a in batch)
            {
                object?[] values = [a.OsvId, a.ModifiedTicks, a.WithdrawnTicks, a.Aliases, a.Summary, a.Severity, a.SeverityVector, a.Affected];
                long id;
                if (a.ExistingId is { } existing)
                {
                    update.Bind([.. values, existing]);
                    await update.ExecuteNonQueryAsync(ct);
                    clearPackages.Bind([existing]);
                    await clearPackages.ExecuteNonQueryAsync(ct);
                    id = existing;
                }
                else
                {
                    insert.Bind(values);
                    id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                }
                a.NewId = id;
                foreach (var key in a.Keys)
                {
                    package.Bind([id, key]);
                    await package.ExecuteNonQueryAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
        });
        foreach (var a in batch)
        {
            stored[a.OsvId] = (a.NewId, a.ModifiedTicks);
            changed.Add(a.NewId);
        }
    }

    private sealed class ParsedAdvisory
    {
        public required string OsvId { get; init; }
        public long ModifiedTicks { get; init; }
        public long? WithdrawnTicks { get; init; }
        public required string Aliases { get; init; }
        public string? Summary { get; init; }
        public required string Severity { get; init; }
        public string? SeverityVector { get; init; }
        public required string Affected { get; init; }
        public required IReadOnlyCollection<string> Keys { get; init; }
        public long? ExistingId { get; set; }
        public long NewId { get; set; }
    }

    private static ParsedAdvisory FromStandard(Standards.Osv.OsvAdvisory a)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var affected in a.Affected)
        {
            if (affected.Package is { } p)
            {
                keys.Add(PackageKey.Of(p.Ecosystem, p.Name));
            }
        }
        var (severity, vector) = SeverityOf(a);
        return new ParsedAdvisory
        {
            OsvId = a.Id,
            ModifiedTicks = a.Modified.UtcTicks,
            WithdrawnTicks = a.Withdrawn?.UtcTicks,
            Aliases = string.Join(' ', a.Aliases.Select(x => x.Trim()).Where(x => x.Length > 0)),
            Summary = a.Summary,
            Severity = severity,
            SeverityVector = vector,
            Affected = AffectedJson.Write(a.Affected),
            Keys = keys,
        };
    }

    /// <summary>The worst CVSS severity the advisory (or one of its affected entries) states; unknown without a CVSS vector.</summary>
    private static (string Severity, string? Vector) SeverityOf(Standards.Osv.OsvAdvisory a)
    {
        var best = (Rank: -1, Name: "unknown", Vector: (string?)null);
        foreach (var s in a.Severity.Concat(a.Affected.SelectMany(x => x.Severity)))
        {
            if (CvssVector.Parse(s.Score) is { IsValid: true } parsed)
            {
                var scores = parsed.Vector.Score();
                var level = scores.SeverityOf(scores.Overall);
                if ((int)level > best.Rank)
                {
                    best = ((int)level, level.ToString().ToLowerInvariant(), s.Score);
                }
            }
        }
        return (best.Name, best.Vector);
    }
}

/// <summary>
/// The (ecosystem, name) key shared by advisories and components: the Standards index key (base ecosystem, name as the
/// ecosystem compares names) with its NUL separator made storable (PostgreSQL text cannot hold NUL).
/// </summary>
public static class PackageKey
{
    public static string Of(string ecosystem, string name) => Standards.Osv.OsvEcosystems.Key(ecosystem, name).Replace('\0', '|');
}

/// <summary>The <c>affected</c> array as stored: the Standards records serialised as they are, read back for the matcher.</summary>
public static class AffectedJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Write(IReadOnlyList<Standards.Osv.OsvAffected> affected) => JsonSerializer.Serialize(affected, Options);

    public static List<Standards.Osv.OsvAffected> Read(string json) => JsonSerializer.Deserialize<List<Standards.Osv.OsvAffected>>(json, Options) ?? [];
}
