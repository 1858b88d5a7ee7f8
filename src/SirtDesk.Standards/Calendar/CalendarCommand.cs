using System.Globalization;
using SirtDesk.Standards.Holidays;

namespace SirtDesk.Standards.Calendar;

/// <summary>
/// The logic behind <c>sirtdesk calendar …</c>: parses the verb's arguments, computes with a <see cref="BusinessCalendar"/>
/// and writes the result. The host wires it to the command line and passes the team's calendar.
/// </summary>
public static class CalendarCommand
{
    public const int Success = 0;

    /// <summary>Wrong usage: unknown subcommand, missing or invalid option (sysexits EX_USAGE).</summary>
    public const int UsageError = 64;

    /// <summary>Valid syntax, but a year outside 1955–2099 (sysexits EX_DATAERR).</summary>
    public const int OutOfRange = 65;

    public const string Usage = """
        usage: sirtdesk calendar holidays --from YYYY --to YYYY
               sirtdesk calendar add --start ISO8601 --business-hours H
               sirtdesk calendar between --from ISO8601 --to ISO8601
        """;

    // Options the host owns; accepted and skipped here together with their value.
    private static readonly string[] HostOptions = ["--team", "--data-dir"];

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
    ];

    /// <summary>Runs one verb; returns the process exit code.</summary>
    public static int Run(string[] args, BusinessCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0)
        {
            return Fail(stderr, "missing subcommand");
        }
        var verb = args[0];
        string[] allowed = verb switch
        {
            "holidays" or "between" => ["--from", "--to"],
            "add" => ["--start", "--business-hours"],
            _ => [],
        };
        if (allowed.Length == 0)
        {
            return Fail(stderr, $"unknown subcommand '{verb}'");
        }
        var (options, error) = ParseOptions(args.AsSpan(1), allowed);
        if (options is null)
        {
            return Fail(stderr, error!);
        }
        foreach (var name in allowed)
        {
            if (!options.ContainsKey(name))
            {
                return Fail(stderr, $"missing option {name}");
            }
        }

        try
        {
            return verb switch
            {
                "holidays" => Holidays(options, stdout, stderr),
                "add" => Add(options, calendar, stdout, stderr),
                _ => Between(options, calendar, stdout, stderr),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The holiday rules cover 1955–2099 only; a computation that reaches beyond that ends here.
            stderr.WriteLine($"error: {FirstLine(ex.Message)}");
            return OutOfRange;
        }
    }

    private static int Holidays(Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParseYear(options["--from"], out var from))
        {
            return Fail(stderr, $"--from must be a year (YYYY), got '{options["--from"]}'");
        }
        if (!TryParseYear(options["--to"], out var to))
        {
            return Fail(stderr, $"--to must be a year (YYYY), got '{options["--to"]}'");
        }
        foreach (var year in new[] { from, to })
        {
            if (!JapaneseHolidays.IsSupportedYear(year))
            {
                stderr.WriteLine($"error: year {year} is outside the supported range {JapaneseHolidays.FirstSupportedYear}–{JapaneseHolidays.LastSupportedYear}");
                return OutOfRange;
            }
        }
        if (to < from)
        {
            return Fail(stderr, $"--to ({to}) is before --from ({from})");
        }
        foreach (var h in JapaneseHolidays.Between(from, to))
        {
            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"{h.Date:yyyy-MM-dd}\t{h.NameJa}\t{h.NameEn}\n"));
        }
        return Success;
    }

    private static int Add(Dictionary<string, string> options, BusinessCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParseInstant(options["--start"], calendar, out var start))
        {
            return Fail(stderr, $"--start must be an ISO 8601 date-time (e.g. 2027-01-04T09:00:00+09:00), got '{options["--start"]}'");
        }
        var text = options["--business-hours"];
        // A cap keeps the arithmetic far from DateTimeOffset's limits: 100,000 hours are decades of office time.
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours)
            || !double.IsFinite(hours) || hours > 100_000)
        {
            return Fail(stderr, $"--business-hours must be a number of hours from 0 to 100000, got '{text}'");
        }
        var due = calendar.Add(start, TimeSpan.FromTicks((long)Math.Round(hours * TimeSpan.TicksPerHour)));
        stdout.Write(due.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\n");
        return Success;
    }

    private static int Between(Dictionary<string, string> options, BusinessCalendar calendar, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParseInstant(options["--from"], calendar, out var from))
        {
            return Fail(stderr, $"--from must be an ISO 8601 date-time, got '{options["--from"]}'");
        }
        if (!TryParseInstant(options["--to"], calendar, out var to))
        {
            return Fail(stderr, $"--to must be an ISO 8601 date-time, got '{options["--to"]}'");
        }
        var minutes = (long)Math.Floor(calendar.Between(from, to).TotalMinutes);
        stdout.Write(minutes.ToString(CultureInfo.InvariantCulture) + "\n");
        return Success;
    }

    private static (Dictionary<string, string>? Options, string? Error) ParseOptions(ReadOnlySpan<string> args, string[] allowed)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            var known = allowed.Contains(name);
            if (!known && !HostOptions.Contains(name))
            {
                return (null, name.StartsWith('-') ? $"unknown option {name}" : $"unexpected argument '{name}'");
            }
            if (value is null)
            {
                if (i + 1 >= args.Length)
                {
                    return (null, $"option {name} needs a value");
                }
                value = args[++i];
            }
            if (!known)
            {
                continue;
            }
            if (!options.TryAdd(name, value))
            {
                return (null, $"option {name} given twice");
            }
        }
        return (options, null);
    }

    private static bool TryParseYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && text.Length == 4;

    // An instant with an offset ("Z" or "+09:00") is taken as is; one without is local time in the calendar's zone
    // (a local time skipped by a DST change is rejected).
    private static bool TryParseInstant(string text, BusinessCalendar calendar, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }
        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            return DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
        }
        var zone = calendar.TimeZone;
        if (zone.IsInvalidTime(parsed))
        {
            return false;
        }
        // A wall-clock time that occurs twice (fall back) means its first occurrence, as opening hours do.
        var offset = zone.IsAmbiguousTime(parsed) ? zone.GetAmbiguousTimeOffsets(parsed).Max() : zone.GetUtcOffset(parsed);
        instant = new DateTimeOffset(parsed, offset);
        return true;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd();

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return UsageError;
    }
}
