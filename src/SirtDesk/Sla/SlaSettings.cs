using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Sla;

/// <summary>The SLA policy and the teams' calendars, stored as settings; built-in defaults until administrators save their own.</summary>
public sealed class SlaSettings(SirtDb db, TimeProvider clock)
{
    public const string PolicyKey = "sla-policy";
    public const string CalendarsKey = "calendars";
    private static readonly ConcurrentDictionary<string, BusinessCalendar> Built = new();

    public async Task<SlaPolicy> PolicyAsync(CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PolicyKey, ct);
        return stored is null ? SlaPolicy.Default : JsonSerializer.Deserialize<SlaPolicy>(stored.Value, TeamProfile.Json) ?? SlaPolicy.Default;
    }

    public async Task<IReadOnlyDictionary<string, TeamCalendarSettings>> CalendarSettingsAsync(CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == CalendarsKey, ct);
        return stored is null ? new Dictionary<string, TeamCalendarSettings>()
            : JsonSerializer.Deserialize<Dictionary<string, TeamCalendarSettings>>(stored.Value, TeamProfile.Json) ?? [];
    }

    /// <summary>The calendar of a team: its own when configured, else the default (Asia/Tokyo, Mon–Fri 09:00–17:00, JP holidays, 12-29..01-03).</summary>
    public async Task<Func<string, BusinessCalendar>> CalendarsAsync(CancellationToken ct)
    {
        var settings = await CalendarSettingsAsync(ct);
        return team =>
        {
            if (!settings.TryGetValue(team, out var s))
            {
                return BusinessCalendar.DefaultJapan;
            }
            var key = JsonSerializer.Serialize(s, TeamProfile.Json);
            return Built.GetOrAdd(key, k => s.Build(out var ignored) ?? BusinessCalendar.DefaultJapan);
        };
    }

    public Task<IReadOnlyList<string>> SavePolicyAsync(string json, CancellationToken ct) => SaveAsync<SlaPolicy>(PolicyKey, json, p => p.Rules is null ? ["rules are required"] : p.Validate(), ct);

    public Task<IReadOnlyList<string>> SaveCalendarsAsync(string json, CancellationToken ct) =>
        SaveAsync<Dictionary<string, TeamCalendarSettings>>(CalendarsKey, json, d =>
        {
            var problems = new List<string>();
            foreach (var (team, s) in d)
            {
                s.Build(out var p);
                problems.AddRange(p.Select(x => $"{team}.{x}"));
            }
            return problems;
        }, ct);

    private async Task<IReadOnlyList<string>> SaveAsync<T>(string key, string json, Func<T, IReadOnlyList<string>> validate, CancellationToken ct)
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(json, TeamProfile.Json);
        }
        catch (JsonException e)
        {
            return [$"not valid: {e.Message}"];
        }
        if (value is null)
        {
            return ["the document is empty"];
        }
        var problems = validate(value);
        if (problems.Count > 0)
        {
            return problems;
        }
        await db.PutSettingAsync(key, JsonSerializer.Serialize(value, TeamProfile.Json), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return [];
    }
}
