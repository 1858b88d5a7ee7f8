using System.Globalization;
using SirtDesk.Standards.Calendar;

namespace SirtDesk.Sla;

/// <summary>
/// A team's business calendar as administrators write it:
/// {"timeZone":"Asia/Tokyo","hours":{"Monday":["09:00-17:00"],…},"holidays":"JP","yearlyClosures":["12-29..01-03"],"closedDates":["2027-05-06"]}.
/// </summary>
public sealed record TeamCalendarSettings(
    string TimeZone,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Hours,
    string Holidays,
    IReadOnlyList<string> YearlyClosures,
    IReadOnlyList<string> ClosedDates)
{
    public static TeamCalendarSettings Default { get; } = new(
        "Asia/Tokyo",
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["Monday"] = ["09:00-17:00"],
            ["Tuesday"] = ["09:00-17:00"],
            ["Wednesday"] = ["09:00-17:00"],
            ["Thursday"] = ["09:00-17:00"],
            ["Friday"] = ["09:00-17:00"],
        },
        "JP",
        ["12-29..01-03"],
        []);

    /// <summary>Builds the calendar, or returns the problems with the settings.</summary>
    public BusinessCalendar? Build(out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _))
        {
            found.Add($"timeZone: unknown IANA time zone '{TimeZone}'");
        }
        var byDay = new Dictionary<DayOfWeek, IReadOnlyList<OpeningWindow>>();
        foreach (var (day, windows) in Hours ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var dow))
            {
                found.Add($"hours: unknown day '{day}'");
                continue;
            }
            var list = new List<OpeningWindow>();
            foreach (var w in windows)
            {
                var parts = w.Split('-');
                if (parts.Length == 2 && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
                    && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close))
                {
                    try
                    {
                        list.Add(new OpeningWindow(open, close));
                    }
                    catch (ArgumentException e)
                    {
                        found.Add($"hours.{day}: {e.Message}");
                    }
                }
                else
                {
                    found.Add($"hours.{day}: '{w}' is not HH:mm-HH:mm");
                }
            }
            byDay[dow] = list;
        }
        var closures = new List<YearlyClosure>();
        foreach (var c in YearlyClosures ?? [])
        {
            if (YearlyClosure.TryParse(c) is { } closure)
            {
                closures.Add(closure);
            }
            else
            {
                found.Add($"yearlyClosures: '{c}' is not MM-DD..MM-DD");
            }
        }
        var dates = new List<DateOnly>();
        foreach (var d in ClosedDates ?? [])
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates.Add(date);
            }
            else
            {
                found.Add($"closedDates: '{d}' is not YYYY-MM-DD");
            }
        }
        if (Holidays is not ("JP" or "none"))
        {
            found.Add("holidays must be JP or none");
        }
        problems = found;
        if (found.Count > 0)
        {
            return null;
        }
        try
        {
            return new BusinessCalendar(TimeZone!, new WeeklyHours(byDay), Holidays == "JP" ? HolidaySource.Japan : HolidaySource.None, closures, dates);
        }
        catch (ArgumentException e)
        {
            problems = [e.Message];
            return null;
        }
    }
}
