using SirtDesk.Triage;

namespace SirtDesk.Sla;

/// <summary>A target in business hours (the team's calendar) or in calendar days.</summary>
public sealed record SlaTarget(double? BusinessHours, int? CalendarDays)
{
    public string Describe(string language) => BusinessHours is { } h
        ? (language == "ja" ? $"{h:0.#} 営業時間" : $"{h:0.#} business hours")
        : (language == "ja" ? $"{CalendarDays} 日" : $"{CalendarDays} calendar days");
}

public enum SlaClockKind
{
    Acknowledge,
    Triage,
    Remediate,
    Disclose,
}

/// <summary>Targets for one team, case kind and severity (null team, kind or severity: any).</summary>
public sealed record SlaRule(string? Team, string? Kind, string? Severity, SlaTarget Acknowledge, SlaTarget Triage, SlaTarget Remediate, SlaTarget? Disclose)
{
    public SlaTarget? Target(SlaClockKind clock) => clock switch
    {
        SlaClockKind.Acknowledge => Acknowledge,
        SlaClockKind.Triage => Triage,
        SlaClockKind.Remediate => Remediate,
        _ => Disclose,
    };
}

/// <summary>The service-level targets. The most specific matching rule wins (team, then kind, then severity).</summary>
public sealed record SlaPolicy(int WarnAtPercent, IReadOnlyList<SlaRule> Rules)
{
    public static SlaPolicy Default { get; } = new(75,
    [
        new(null, "vulnerability", null, new(8, null), new(40, null), new(null, 90), new(null, 90)),
        new(null, "vulnerability", "critical", new(8, null), new(16, null), new(null, 30), new(null, 90)),
        new(null, "vulnerability", "high", new(8, null), new(24, null), new(null, 60), new(null, 90)),
        new(null, "vulnerability", "low", new(8, null), new(80, null), new(null, 180), new(null, 180)),
        new(null, "incident", null, new(4, null), new(16, null), new(null, 14), null),
        new(null, "incident", "critical", new(2, null), new(4, null), new(null, 3), null),
        new(null, "incident", "high", new(4, null), new(8, null), new(null, 7), null),
        new(null, "incident", "low", new(8, null), new(40, null), new(null, 30), null),
    ]);

    public SlaRule? RuleFor(string team, string kind, InternalSeverity? severity)
    {
        var sev = severity?.ToString().ToLowerInvariant();
        return Rules
            .Where(r => (r.Team is null || r.Team == team) && (r.Kind is null || r.Kind == kind) && (r.Severity is null || r.Severity == sev))
            .OrderByDescending(r => (r.Team is null ? 0 : 4) + (r.Kind is null ? 0 : 2) + (r.Severity is null ? 0 : 1))
            .FirstOrDefault();
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (WarnAtPercent is < 1 or > 99)
        {
            problems.Add("warnAtPercent must be between 1 and 99");
        }
        foreach (var (r, i) in Rules.Select((r, i) => (r, i)))
        {
            foreach (var (name, t) in new[] { ("acknowledge", r.Acknowledge), ("triage", r.Triage), ("remediate", r.Remediate), ("disclose", r.Disclose) })
            {
                if (t is null)
                {
                    if (name != "disclose")
                    {
                        problems.Add($"rules[{i}].{name} is required");
                    }
                    continue;
                }
                if ((t.BusinessHours is null) == (t.CalendarDays is null) || t.BusinessHours <= 0 || t.CalendarDays <= 0)
                {
                    problems.Add($"rules[{i}].{name}: give either businessHours or calendarDays, greater than zero");
                }
            }
            if (r.Severity is not null && r.Severity is not ("critical" or "high" or "medium" or "low"))
            {
                problems.Add($"rules[{i}].severity must be critical, high, medium or low");
            }
            if (r.Kind is not null && r.Kind is not ("vulnerability" or "incident"))
            {
                problems.Add($"rules[{i}].kind must be vulnerability or incident");
            }
        }
        return problems;
    }
}
