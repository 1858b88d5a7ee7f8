using System.Globalization;

namespace SirtDesk.Standards.Calendar;

/// <summary>
/// A company closure that repeats every year, from one month-day to another, both inclusive; it may span the year end
/// (12-29..01-03 closes 29–31 December and 1–3 January of every year).
/// </summary>
public sealed record YearlyClosure
{
    /// <exception cref="ArgumentOutOfRangeException">A month-day does not exist (29 February is allowed).</exception>
    public YearlyClosure(int fromMonth, int fromDay, int toMonth, int toDay)
    {
        Check(fromMonth, fromDay, nameof(fromDay));
        Check(toMonth, toDay, nameof(toDay));
        FromMonth = fromMonth;
        FromDay = fromDay;
        ToMonth = toMonth;
        ToDay = toDay;
    }

    public int FromMonth { get; }

    public int FromDay { get; }

    public int ToMonth { get; }

    public int ToDay { get; }

    /// <summary>Parses "MM-DD..MM-DD", e.g. "12-29..01-03"; null when the text is not in that form.</summary>
    public static YearlyClosure? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        if (parts.Length != 2
            || !TryParseMonthDay(parts[0], out var fm, out var fd)
            || !TryParseMonthDay(parts[1], out var tm, out var td))
        {
            return null;
        }
        return new YearlyClosure(fm, fd, tm, td);
    }

    /// <summary>True when the date falls inside the closure.</summary>
    public bool Contains(DateOnly date)
    {
        var key = (date.Month * 100) + date.Day;
        var from = (FromMonth * 100) + FromDay;
        var to = (ToMonth * 100) + ToDay;
        return from <= to ? key >= from && key <= to : key >= from || key <= to;
    }

    public override string ToString() => $"{FromMonth:00}-{FromDay:00}..{ToMonth:00}-{ToDay:00}";

    private static bool TryParseMonthDay(string text, out int month, out int day)
    {
        month = 0;
        day = 0;
        var md = text.Trim().Split('-');
        return md.Length == 2
            && int.TryParse(md[0], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && int.TryParse(md[1], NumberStyles.None, CultureInfo.InvariantCulture, out day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(2000, month);
    }

    private static void Check(int month, int day, string paramName)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
        {
            throw new ArgumentOutOfRangeException(paramName, $"{month:00}-{day:00} is not a day of the year.");
        }
    }
}
