using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Triage;

/// <summary>The severity policy in force (stored as a setting; the built-in default until an administrator saves one).</summary>
public sealed class SeverityPolicyStore(SirtDb db, TimeProvider clock)
{
    public const string SettingKey = "severity-policy";

    public async Task<SeverityPolicy> GetAsync(CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        return stored is null ? SeverityPolicy.Default : JsonSerializer.Deserialize<SeverityPolicy>(stored.Value, SeverityPolicy.Json) ?? SeverityPolicy.Default;
    }

    /// <summary>
    /// Saves a new version of the policy and re-assesses the open cases that have a score, each with a timeline
    /// entry. Closed cases keep the severity they were closed with.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string json, string actor, CancellationToken ct)
    {
        SeverityPolicy? edited;
        try
        {
            edited = JsonSerializer.Deserialize<SeverityPolicy>(json, SeverityPolicy.Json);
        }
        catch (JsonException e)
        {
            return [$"not a severity policy: {e.Message}"];
        }
        if (edited?.Factors is null)
        {
            return ["factors are required"];
        }
        var problems = edited.Validate();
        if (problems.Count > 0)
        {
            return problems;
        }
        var current = await GetAsync(ct);
        var policy = edited with { Version = current.Version + 1 };
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.PutSettingAsync(SettingKey, JsonSerializer.Serialize(policy, SeverityPolicy.Json), now, ct);
        var open = await db.Cases.Where(c => c.Status != CaseStatus.Closed && c.CvssVector != null).ToListAsync(ct);
        foreach (var c in open)
        {
            var parsed = CvssVector.Parse(c.CvssVector);
            if (!parsed.IsValid)
            {
                continue;
            }
            var before = c.Severity;
            c.ApplySeverity(policy.Assess(parsed.Vector.Score(), Factors(c.SeverityFactors)));
            db.Timeline.Add(new TimelineEntry
            {
                CaseId = c.Id,
                At = now,
                Actor = actor,
                Action = "case.severity-policy",
                Detail = $"v{current.Version} → v{policy.Version}: {before} → {c.Severity}",
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return [];
    }

    public static Dictionary<string, string> Factors(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
