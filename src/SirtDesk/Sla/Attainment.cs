using System.Globalization;
using System.Text;
using SirtDesk.Cases;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Sla;

/// <summary>One row of the attainment report: team, kind, severity, month (of the first report, team zone) and clock.</summary>
public sealed record AttainmentRow(string Team, string Kind, string Severity, string Month, SlaClockKind Clock, int Cases, int WithinTarget, double? MedianHours, double? P90Hours)
{
    public double? PercentWithin => Cases == 0 ? null : 100.0 * WithinTarget / Cases;
}

/// <summary>SLA attainment over cases whose clock has stopped: % within target, median and p90 time in business hours.</summary>
public static class Attainment
{
    public static async Task<IReadOnlyList<AttainmentRow>> ComputeAsync(SirtDb db, SlaBoard board, IReadOnlyList<string>? visibleTeams, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var query = db.Cases.AsQueryable();
        if (visibleTeams is not null)
        {
            query = query.Where(c => visibleTeams.Contains(c.Team));
        }
        var cases = await board.ComputeAsync(query, now, ct);
        // Read after the clocks: a case opened in between is simply left out of this report.
        var months = (await query.Select(c => new { c.Id, c.ClockStartedAt }).ToListAsync(ct))
            .ToDictionary(c => c.Id, c => TimeZoneInfo.ConvertTime(c.ClockStartedAt, zone).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var rows = new List<AttainmentRow>();
        foreach (var g in cases.Where(c => months.ContainsKey(c.CaseId)).SelectMany(c => c.Clocks.Where(k => k.MetAt is not null).Select(k => (Case: c, Clock: k)))
                     .GroupBy(x => (x.Case.Team, CaseKind: x.Case.Kind, Severity: x.Case.Severity?.ToString().ToLowerInvariant() ?? "-", Month: months[x.Case.CaseId], Clock: x.Clock.Kind))
                     .OrderBy(g => g.Key.Team).ThenBy(g => g.Key.CaseKind).ThenBy(g => g.Key.Severity).ThenBy(g => g.Key.Month).ThenBy(g => g.Key.Clock))
        {
            var hours = g.Select(x => x.Clock.Target.BusinessHours is not null ? x.Clock.Elapsed.TotalHours : x.Clock.Elapsed.TotalDays * 24).Order().ToList();
            rows.Add(new AttainmentRow(g.Key.Team, g.Key.CaseKind, g.Key.Severity, g.Key.Month, g.Key.Clock, hours.Count,
                g.Count(x => x.Clock.State == SlaState.Met), Percentile(hours, 0.5), Percentile(hours, 0.9)));
        }
        return rows;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string ToCsv(IReadOnlyList<AttainmentRow> rows)
    {
        var sb = new StringBuilder("team,kind,severity,month,clock,cases,within_target,percent_within,median_hours,p90_hours\r\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Csv(r.Team)},{r.Kind},{r.Severity},{r.Month},{r.Clock.ToString().ToLowerInvariant()},{r.Cases},{r.WithinTarget},{r.PercentWithin:0.0},{r.MedianHours:0.00},{r.P90Hours:0.00}\r\n");
        }
        return sb.ToString();
    }

    // A cell that starts like a formula gets a leading ' so spreadsheets do not run it (OWASP CSV injection);
    // a cell with a comma, quote or line break is quoted.
    private static string Csv(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
