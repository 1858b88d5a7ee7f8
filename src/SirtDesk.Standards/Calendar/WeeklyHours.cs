namespace SirtDesk.Standards.Calendar;

/// <summary>Opening hours per day of the week; a day may have several windows (e.g. 09:00–12:00 and 13:00–17:00).</summary>
public sealed class WeeklyHours
{
    private readonly OpeningWindow[][] byDay = new OpeningWindow[7][];

    /// <exception cref="ArgumentException">Windows of a day overlap, or no day has any window.</exception>
    public WeeklyHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningWindow>> windowsByDay)
    {
        ArgumentNullException.ThrowIfNull(windowsByDay);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var windows = windowsByDay.TryGetValue(day, out var w) ? w.OrderBy(x => x.Open).ToArray() : [];
            for (var i = 1; i < windows.Length; i++)
            {
                if (windows[i].OpensAfterMidnight < windows[i - 1].ClosesAfterMidnight)
                {
                    throw new ArgumentException($"Opening windows on {day} overlap.", nameof(windowsByDay));
                }
            }
            byDay[(int)day] = windows;
        }
        if (byDay.All(w => w.Length == 0))
        {
            throw new ArgumentException("Opening hours need at least one window in the week.", nameof(windowsByDay));
        }
    }

    /// <summary>The same windows on Monday to Friday, closed at weekends.</summary>
    public static WeeklyHours MondayToFriday(params OpeningWindow[] windows)
    {
        IReadOnlyList<OpeningWindow> list = windows;
        return new WeeklyHours(new Dictionary<DayOfWeek, IReadOnlyList<OpeningWindow>>
        {
            [DayOfWeek.Monday] = list,
            [DayOfWeek.Tuesday] = list,
            [DayOfWeek.Wednesday] = list,
            [DayOfWeek.Thursday] = list,
            [DayOfWeek.Friday] = list,
        });
    }

    /// <summary>The windows of a day of the week in time order; empty when closed all day.</summary>
    public IReadOnlyList<OpeningWindow> On(DayOfWeek day) => byDay[(int)day];
}
