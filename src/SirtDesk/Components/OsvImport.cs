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
    public const int BatchSize = 2000;

    public async Task<OsvImportResult> ImportAsync(IEnumerable<OsvFile> files, CancellationToken ct)
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
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var parsed = Parse(file, out var problem);
            if (parsed is null)
            {
                problems.Add($"{file.Name}: {problem}");
                continue;
            }
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
            await using var insert = Command(connection, transaction,
                $"""INSERT INTO "OsvAdvisories" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) RETURNING "Id" """, columns.Length);
            await using var update = Command(connection, transaction,
                $"""UPDATE "OsvAdvisories" SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE "Id" = @p{columns.Length}""", columns.Length + 1);
            await using var clearPackages = Command(connection, transaction, """DELETE FROM "OsvPackages" WHERE "AdvisoryId" = @p0""", 1);
            await using var package = Command(connection, transaction, """INSERT INTO "OsvPackages" ("AdvisoryId", "Key") VALUES (@p0, @p1)""", 2);
            foreach (var a in batch)
            {
                object?[] values = [a.OsvId, a.ModifiedTicks, a.WithdrawnTicks, a.Aliases, a.Summary, a.Severity, a.SeverityVector, a.Affected];
                long id;
                if (a.ExistingId is { } existing)
                {
                    Bind(update, [.. values, existing]);
                    await update.ExecuteNonQueryAsync(ct);
                    Bind(clearPackages, [existing]);
                    await clearPackages.ExecuteNonQueryAsync(ct);
                    id = existing;
                }
                else
                {
                    Bind(insert, values);
                    id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                }
                a.NewId = id;
                foreach (var key in a.Keys)
                {
                    Bind(package, [id, key]);
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

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static void Bind(DbCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
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

    private static ParsedAdvisory? Parse(OsvFile file, out string? problem)
    {
        problem = null;
        try
        {
            using var doc = JsonDocument.Parse(file.Content, new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return null;
            }
            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()) || id.GetString()!.Length > 255)
            {
                problem = "no \"id\"";
                return null;
            }
            if (Instant(root, "modified") is not { } modified)
            {
                problem = "no valid RFC 3339 \"modified\"";
                return null;
            }
            var withdrawn = root.TryGetProperty("withdrawn", out var w) && w.ValueKind == JsonValueKind.String ? Instant(root, "withdrawn") ?? modified : (long?)null;
            var aliases = root.TryGetProperty("aliases", out var al) && al.ValueKind == JsonValueKind.Array
                ? string.Join(' ', al.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0))
                : "";
            var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var affected = root.TryGetProperty("affected", out var af) && af.ValueKind == JsonValueKind.Array ? af : default;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (affected.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in affected.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("package", out var pkg) && pkg.ValueKind == JsonValueKind.Object
                        && pkg.TryGetProperty("ecosystem", out var eco) && eco.ValueKind == JsonValueKind.String
                        && pkg.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        keys.Add(PackageKey.Of(eco.GetString()!, name.GetString()!));
                    }
                }
            }
            var (severity, vector) = SeverityOf(root, affected);
            return new ParsedAdvisory
            {
                OsvId = id.GetString()!,
                ModifiedTicks = modified,
                WithdrawnTicks = withdrawn,
                Aliases = aliases,
                Summary = summary,
                Severity = severity,
                SeverityVector = vector,
                Affected = affected.ValueKind == JsonValueKind.Array ? affected.GetRawText() : "[]",
                Keys = keys,
            };
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON ({e.Message})";
            return null;
        }
    }

    private static long? Instant(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcTicks
            : null;

    /// <summary>The worst CVSS severity the advisory (or one of its affected entries) states, else the database's own label (GHSA's).</summary>
    private static (string Severity, string? Vector) SeverityOf(JsonElement root, JsonElement affected)
    {
        var best = (Rank: -1, Name: "unknown", Vector: (string?)null);
        void Consider(JsonElement severities)
        {
            if (severities.ValueKind != JsonValueKind.Array)
            {
                return;
            }
            foreach (var s in severities.EnumerateArray())
            {
                if (s.ValueKind == JsonValueKind.Object && s.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.String
                    && CvssVector.Parse(score.GetString()) is { IsValid: true } parsed)
                {
                    var scores = parsed.Vector.Score();
                    var level = scores.SeverityOf(scores.Overall);
                    if ((int)level > best.Rank)
                    {
                        best = ((int)level, level.ToString().ToLowerInvariant(), score.GetString());
                    }
                }
            }
        }
        Consider(root.TryGetProperty("severity", out var top) ? top : default);
        if (affected.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in affected.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("severity", out var own))
                {
                    Consider(own);
                }
            }
        }
        if (best.Rank >= 0)
        {
            return (best.Name, best.Vector);
        }
        if (root.TryGetProperty("database_specific", out var ds) && ds.ValueKind == JsonValueKind.Object
            && ds.TryGetProperty("severity", out var label) && label.ValueKind == JsonValueKind.String)
        {
            var named = label.GetString()!.Trim().ToLowerInvariant() switch
            {
                "critical" => "critical",
                "high" => "high",
                "moderate" or "medium" => "medium",
                "low" => "low",
                _ => null,
            };
            if (named is not null)
            {
                return (named, null);
            }
        }
        return ("unknown", null);
    }
}

/// <summary>One advisory file: its name (for problem messages only) and its bytes.</summary>
public sealed record OsvFile(string Name, ReadOnlyMemory<byte> Content);

/// <summary>The (ecosystem, name) key shared by advisories and components: the base ecosystem (before any ":release") and the name, case-folded.</summary>
public static class PackageKey
{
    public static string Of(string ecosystem, string name)
    {
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        var eco = (colon < 0 ? ecosystem : ecosystem[..colon]).Trim().ToLowerInvariant();
        return eco + "/" + name.Trim().ToLowerInvariant();
    }
}
