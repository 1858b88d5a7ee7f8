namespace SirtDesk.Standards.Calendar;

/// <summary>
/// One stretch of opening hours within a day, from <see cref="Open"/> (inclusive) to <see cref="Close"/> (exclusive),
/// in the calendar's local time. A <see cref="Close"/> of 00:00 means midnight at the end of the day.
/// </summary>
public sealed record OpeningWindow
{
    public OpeningWindow(TimeOnly open, TimeOnly close)
    {
        var end = close == TimeOnly.MinValue ? TimeSpan.FromDays(1) : close.ToTimeSpan();
        if (end <= open.ToTimeSpan())
        {
            throw new ArgumentException($"An opening window must close after it opens; got {open:HH\\:mm}–{close:HH\\:mm}.", nameof(close));
        }
        Open = open;
        Close = close;
    }

    public TimeOnly Open { get; }

    public TimeOnly Close { get; }

    /// <summary>Time of day at which the window opens, as an offset from local midnight.</summary>
    internal TimeSpan OpensAfterMidnight => Open.ToTimeSpan();

    /// <summary>Time of day at which the window closes, as an offset from local midnight (24:00 for a 00:00 close).</summary>
    internal TimeSpan ClosesAfterMidnight => Close == TimeOnly.MinValue ? TimeSpan.FromDays(1) : Close.ToTimeSpan();
}
