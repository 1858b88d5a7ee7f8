namespace SirtDesk.Standards.Holidays;

/// <summary>
/// Japanese holidays from the rules of the Act on National Holidays as amended, plus the one-off days of the special laws,
/// each rule applied only in the years it was in force. Years 1955–2099.
/// </summary>
public static class JapaneseHolidays
{
    public const int FirstSupportedYear = 1955;
    public const int LastSupportedYear = 2099;

    private static readonly DateOnly FirstDay = new(FirstSupportedYear, 1, 1);
    private static readonly int FirstDayNumber = FirstDay.DayNumber;

    // The whole range is small (~2,900 holidays), so it is computed once; lookups are then an array index.
    private static readonly Holiday[][] ByYear = BuildAll();
    private static readonly bool[] ByDay = Flatten(ByYear);

    /// <summary>True when the year is within 1955–2099.</summary>
    public static bool IsSupportedYear(int year) => year is >= FirstSupportedYear and <= LastSupportedYear;

    /// <summary>The holidays of one year in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1955–2099.</exception>
    public static IReadOnlyList<Holiday> InYear(int year)
    {
        EnsureSupported(year, nameof(year));
        return ByYear[year - FirstSupportedYear];
    }

    /// <summary>The holidays of the years <paramref name="fromYear"/> to <paramref name="toYear"/> inclusive, in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A year is outside 1955–2099.</exception>
    /// <exception cref="ArgumentException"><paramref name="toYear"/> is before <paramref name="fromYear"/>.</exception>
    public static IReadOnlyList<Holiday> Between(int fromYear, int toYear)
    {
        EnsureSupported(fromYear, nameof(fromYear));
        EnsureSupported(toYear, nameof(toYear));
        if (toYear < fromYear)
        {
            throw new ArgumentException($"The range ends ({toYear}) before it starts ({fromYear}).", nameof(toYear));
        }
        var result = new List<Holiday>();
        for (var y = fromYear; y <= toYear; y++)
        {
            result.AddRange(ByYear[y - FirstSupportedYear]);
        }
        return result;
    }

    /// <summary>True when the date is a holiday of any kind (national, special law, substitute, citizens').</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside 1955–2099.</exception>
    public static bool IsHoliday(DateOnly date)
    {
        EnsureSupported(date.Year, nameof(date));
        return ByDay[date.DayNumber - FirstDayNumber];
    }

    /// <summary>The holiday on the date, or null on an ordinary day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside 1955–2099.</exception>
    public static Holiday? Find(DateOnly date)
    {
        EnsureSupported(date.Year, nameof(date));
        if (!ByDay[date.DayNumber - FirstDayNumber])
        {
            return null;
        }
        foreach (var h in ByYear[date.Year - FirstSupportedYear])
        {
            if (h.Date == date)
            {
                return h;
            }
        }
        return null;
    }

    private static void EnsureSupported(int year, string paramName)
    {
        if (!IsSupportedYear(year))
        {
            throw new ArgumentOutOfRangeException(paramName, year,
                $"Japanese holidays are supported for the years {FirstSupportedYear}–{LastSupportedYear} only; {year} is outside that range.");
        }
    }

    private static Holiday[][] BuildAll()
    {
        var all = new Holiday[LastSupportedYear - FirstSupportedYear + 1][];
        for (var y = FirstSupportedYear; y <= LastSupportedYear; y++)
        {
            all[y - FirstSupportedYear] = Build(y);
        }
        return all;
    }

    private static bool[] Flatten(Holiday[][] years)
    {
        var days = new bool[new DateOnly(LastSupportedYear, 12, 31).DayNumber - FirstDayNumber + 1];
        foreach (var year in years)
        {
            foreach (var h in year)
            {
                days[h.Date.DayNumber - FirstDayNumber] = true;
            }
        }
        return days;
    }

    private static Holiday[] Build(int year)
    {
        var national = NationalHolidays(year);
        var nationalDates = national.Select(h => h.Date).ToHashSet();
        var all = new List<Holiday>(national);

        // 振替休日. Law No. 10 of 1973 took effect on 1973-04-12: a national holiday on a Sunday made the next day a holiday.
        // Law No. 43 of 2005, in force from 2007: the nearest following day that is not a national holiday.
        var substitutes = new HashSet<DateOnly>();
        foreach (var h in national)
        {
            if (h.Date.DayOfWeek != DayOfWeek.Sunday || h.Date < new DateOnly(1973, 4, 12))
            {
                continue;
            }
            var next = h.Date.AddDays(1);
            if (year >= 2007)
            {
                while (nationalDates.Contains(next))
                {
                    next = next.AddDays(1);
                }
            }
            if (!nationalDates.Contains(next) && substitutes.Add(next))
            {
                all.Add(new Holiday(next, "振替休日", "Substitute Holiday", HolidayKind.Substitute));
            }
        }

        // 国民の休日. Law No. 103 of 1985, in force from 1985-12-27: a day whose previous and next days are national holidays.
        // Until 2006 a Sunday or a substitute holiday did not count; from 2007 only "not itself a national holiday" remains.
        if (year >= 1986)
        {
            foreach (var h in national)
            {
                var between = h.Date.AddDays(1);
                if (between.Year != year || nationalDates.Contains(between) || !nationalDates.Contains(between.AddDays(1)))
                {
                    continue;
                }
                // A day that is already a substitute holiday stays one (and is listed once).
                if (substitutes.Contains(between) || (year <= 2006 && between.DayOfWeek == DayOfWeek.Sunday))
                {
                    continue;
                }
                all.Add(new Holiday(between, "国民の休日", "Citizens' Holiday", HolidayKind.Citizens));
            }
        }

        all.Sort((a, b) => a.Date.CompareTo(b.Date));
        return [.. all];
    }

    private static List<Holiday> NationalHolidays(int year)
    {
        var list = new List<Holiday>();
        void Add(DateOnly date, string ja, string en, HolidayKind kind = HolidayKind.National) => list.Add(new Holiday(date, ja, en, kind));
        DateOnly On(int month, int day) => new(year, month, day);

        Add(On(1, 1), "元日", "New Year's Day");
        Add(year < 2000 ? On(1, 15) : NthMonday(year, 1, 2), "成人の日", "Coming of Age Day");
        if (year >= 1967)
        {
            Add(On(2, 11), "建国記念の日", "National Foundation Day");
        }
        if (year >= 2020)
        {
            Add(On(2, 23), "天皇誕生日", "Emperor's Birthday");
        }
        Add(On(3, VernalEquinoxDay(year)), "春分の日", "Vernal Equinox Day");
        if (year <= 1988)
        {
            Add(On(4, 29), "天皇誕生日", "Emperor's Birthday");
        }
        else if (year <= 2006)
        {
            Add(On(4, 29), "みどりの日", "Greenery Day");
        }
        else
        {
            Add(On(4, 29), "昭和の日", "Showa Day");
        }
        Add(On(5, 3), "憲法記念日", "Constitution Memorial Day");
        if (year >= 2007)
        {
            Add(On(5, 4), "みどりの日", "Greenery Day");
        }
        Add(On(5, 5), "こどもの日", "Children's Day");

        // Marine Day (Law No. 22 of 1995), a Happy Monday from 2003; moved for the Tokyo Olympics in 2020 and 2021.
        if (year == 2020)
        {
            Add(On(7, 23), "海の日", "Marine Day");
            Add(On(7, 24), "スポーツの日", "Sports Day");
            Add(On(8, 10), "山の日", "Mountain Day");
        }
        else if (year == 2021)
        {
            Add(On(7, 22), "海の日", "Marine Day");
            Add(On(7, 23), "スポーツの日", "Sports Day");
            Add(On(8, 8), "山の日", "Mountain Day");
        }
        else
        {
            if (year >= 2003)
            {
                Add(NthMonday(year, 7, 3), "海の日", "Marine Day");
            }
            else if (year >= 1996)
            {
                Add(On(7, 20), "海の日", "Marine Day");
            }
            if (year >= 2016)
            {
                Add(On(8, 11), "山の日", "Mountain Day");
            }
        }

        if (year >= 2003)
        {
            Add(NthMonday(year, 9, 3), "敬老の日", "Respect for the Aged Day");
        }
        else if (year >= 1966)
        {
            Add(On(9, 15), "敬老の日", "Respect for the Aged Day");
        }
        Add(On(9, AutumnalEquinoxDay(year)), "秋分の日", "Autumnal Equinox Day");

        if (year >= 2022)
        {
            Add(NthMonday(year, 10, 2), "スポーツの日", "Sports Day");
        }
        else if (year >= 2000 && year <= 2019)
        {
            Add(NthMonday(year, 10, 2), "体育の日", "Health and Sports Day");
        }
        else if (year >= 1966 && year <= 1999)
        {
            Add(On(10, 10), "体育の日", "Health and Sports Day");
        }

        Add(On(11, 3), "文化の日", "Culture Day");
        Add(On(11, 23), "勤労感謝の日", "Labor Thanksgiving Day");
        if (year is >= 1989 and <= 2018)
        {
            Add(On(12, 23), "天皇誕生日", "Emperor's Birthday");
        }

        switch (year)
        {
            case 1959:
                Add(On(4, 10), "皇太子明仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Akihito", HolidayKind.SpecialLaw);
                break;
            case 1989:
                Add(On(2, 24), "昭和天皇の大喪の礼", "Funeral Ceremony of Emperor Showa", HolidayKind.SpecialLaw);
                break;
            case 1990:
                Add(On(11, 12), "即位礼正殿の儀", "Ceremony of the Enthronement", HolidayKind.SpecialLaw);
                break;
            case 1993:
                Add(On(6, 9), "皇太子徳仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Naruhito", HolidayKind.SpecialLaw);
                break;
            case 2019:
                Add(On(5, 1), "天皇の即位の日", "Day of the Emperor's Enthronement", HolidayKind.SpecialLaw);
                Add(On(10, 22), "即位礼正殿の儀の行われる日", "Day of the Enthronement Ceremony", HolidayKind.SpecialLaw);
                break;
            default:
                break;
        }

        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    /// <summary>
    /// Day of March of the vernal equinox in Japan Standard Time. The official date is the one the National Astronomical
    /// Observatory of Japan publishes each February for the next year; this is the usual approximation, which agrees with
    /// the published dates for 1955–2099 (STANDARDS.md §8.3).
    /// </summary>
    public static int VernalEquinoxDay(int year) => EquinoxDay(year, year < 1980 ? 20.8357 : 20.8431);

    /// <summary>Day of September of the autumnal equinox in Japan Standard Time (same approximation as <see cref="VernalEquinoxDay"/>).</summary>
    public static int AutumnalEquinoxDay(int year) => EquinoxDay(year, year < 1980 ? 23.2588 : 23.2488);

    private static int EquinoxDay(int year, double constant)
    {
        EnsureSupported(year, nameof(year));
        var n = year - 1980;
        return (int)Math.Floor(constant + (0.242194 * n)) - (int)Math.Floor(n / 4.0);
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
