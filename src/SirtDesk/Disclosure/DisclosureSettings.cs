using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;

namespace SirtDesk.Disclosure;

/// <summary>
/// Per team, the default disclosure deadline in calendar days from the first report (it replaces the SLA policy's
/// disclose target for that team; an embargo replaces both), and how many days before an embargo reminders go out.
/// </summary>
public sealed record DisclosureDefaults(IReadOnlyDictionary<string, int> DeadlineDays, IReadOnlyList<int> ReminderDays)
{
    public const string Key = "disclosure";

    public static DisclosureDefaults Default { get; } = new(new Dictionary<string, int>(), [7, 1]);

    public int? DeadlineFor(string team) => DeadlineDays.TryGetValue(team, out var days) ? days : null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (team, days) in DeadlineDays)
        {
            if (days is < 1 or > 3650)
            {
                problems.Add($"deadlineDays.{team} must be between 1 and 3650");
            }
        }
        if (ReminderDays.Any(d => d is < 1 or > 365) || ReminderDays.Distinct().Count() != ReminderDays.Count)
        {
            problems.Add("reminderDays must be distinct whole days between 1 and 365");
        }
        return problems;
    }

    public static async Task<DisclosureDefaults> LoadAsync(SirtDb db, CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, ct);
        var value = stored is null ? null : JsonSerializer.Deserialize<DisclosureDefaults>(stored.Value, TeamProfile.Json);
        return value is { DeadlineDays: not null, ReminderDays: not null } ? value : Default;
    }

    public static async Task<IReadOnlyList<string>> SaveAsync(SirtDb db, string json, DateTimeOffset at, CancellationToken ct)
    {
        DisclosureDefaults? value;
        try
        {
            value = JsonSerializer.Deserialize<DisclosureDefaults>(json, TeamProfile.Json);
        }
        catch (JsonException e)
        {
            return [$"not valid: {e.Message}"];
        }
        if (value is not { DeadlineDays: not null, ReminderDays: not null })
        {
            return ["deadlineDays and reminderDays are required"];
        }
        var problems = value.Validate();
        if (problems.Count > 0)
        {
            return problems;
        }
        await db.PutSettingAsync(Key, JsonSerializer.Serialize(value, TeamProfile.Json), at, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }
}

/// <summary>Where a case's disclosure due time comes from: the embargo, the team's default deadline, or (null) the SLA policy.</summary>
public sealed record DisclosureDue(DateTimeOffset At, string Source)
{
    public static DisclosureDue? For(DateTimeOffset clockStartedAt, DateTimeOffset? embargoAt, int? teamDeadlineDays) =>
        embargoAt is { } e ? new(e, "embargo")
        : teamDeadlineDays is { } d ? new(clockStartedAt.AddDays(d), "team-default")
        : null;
}
