using System.Globalization;
using System.Text;
using SirtDesk.Cases;
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
    public static async Task<IReadOnlyList<AttainmentRow>> ComputeAsync(SirtDb db, SlaBoard board, IReadOnlyList<string>? visibleTeams, DateTimeOffset now, CancellationToken ct)
    {
        var query = db.Cases.AsQueryable();
        if (visibleTeams is not null)
        {
            query = query.Where(c => visibleTeams.Contains(c.Team));
        }
        var months = query.Select(c => new { c.Id, c.ClockStartedAt }).ToDictionary(c => c.Id, c => TimeZoneInfo.ConvertTime(c.ClockStartedAt, Tokyo).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var cases = await board.ComputeAsync(query, now, ct);
        var rows = new List<AttainmentRow>();
        foreach (var g in cases.SelectMany(c => c.Clocks.Where(k => k.MetAt is not null).Select(k => (Case: c, Clock: k)))
                     .GroupBy(x => (x.Case.Team, CaseKind: x.Case.Kind, Severity: x.Case.Severity?.ToString().ToLowerInvariant() ?? "-", Month: months[x.Case.CaseId], Clock: x.Clock.Kind))
                     .OrderBy(g => g.Key.Team).ThenBy(g => g.Key.CaseKind).ThenBy(g => g.Key.Severity).ThenBy(g => g.Key.Month).ThenBy(g => g.Key.Clock))
        {
            var hours = g.Select(x => x.Clock.Target.BusinessHours is not null ? x.Clock.Elapsed.TotalHours : x.Clock.Elapsed.TotalDays * 24).Order().ToList();
            rows.Add(new AttainmentRow(g.Key.Team, g.Key.CaseKind, g.Key.Severity, g.Key.Month, g.Key.Clock, hours.Count,
                g.Count(x => x.Clock.State == SlaState.Met), Percentile(hours, 0.5), Percentile(hours, 0.9)));
        }
        return rows;
    }

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

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

    // A cell that starts like a formula is quoted so spreadsheets do not run it.
    private static string Csv(string value) => value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) || value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"'" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
