using System.Globalization;
using System.Text.RegularExpressions;

namespace SirtDesk.Disclosure;

/// <summary>
/// A case's disclosure facts: the agreed embargo (publication instant), the JPCERT/CC / IPA coordination record and
/// the CVE ids. One row per case, created on the first change; every change also leaves a timeline entry.
/// </summary>
public sealed class CaseDisclosure
{
    public long Id { get; set; }
    public long CaseId { get; set; }

    /// <summary>The agreed publication instant (UTC).</summary>
    public DateTimeOffset? EmbargoAt { get; set; }

    /// <summary>Extra IANA zones the embargo is shown in (space-separated), until participants carry their own.</summary>
    public string? EmbargoZones { get; set; }

    /// <summary>JPCERT/CC / IPA reference numbers (JVN#…, JVNVU#…, VU#…, JVNDB-…), space-separated.</summary>
    public string? CoordinatorReferences { get; set; }
    public DateOnly? ReportedToCoordinatorOn { get; set; }
    public DateOnly? PublishedByCoordinatorOn { get; set; }

    /// <summary>The vendor status text to submit to JVN, in Japanese and English.</summary>
    public string? VendorStatusJa { get; set; }
    public string? VendorStatusEn { get; set; }

    /// <summary>CVE ids, space-separated, in the order entered.</summary>
    public string? CveIds { get; set; }

    public IReadOnlyList<string> CveList => Split(CveIds);
    public IReadOnlyList<string> ReferenceList => Split(CoordinatorReferences);
    public IReadOnlyList<string> ZoneList => Split(EmbargoZones);

    internal static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([' ', ',', '\n', '\r', '\t', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A reminder that went out for one embargo instant, so each goes out once (also across nodes: unique index).</summary>
public sealed class EmbargoReminder
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public int DaysBefore { get; set; }
    public DateTimeOffset EmbargoAt { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>Someone the embargo is shown for: a name and an IANA zone (participants will pass their own list).</summary>
public sealed record EmbargoAudience(string Name, string Zone);

/// <summary>The embargo instant in one audience's zone.</summary>
public sealed record ZonedTime(string Name, string Zone, DateTimeOffset Local)
{
    /// <summary>Everyone the time is shown for in this zone (JST, the viewer, participants), first one first.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [Name];

    public string Display => Local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC" + Local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
}

public static partial class DisclosureFormats
{
    public static readonly TimeZoneInfo Jst = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [GeneratedRegex(@"^CVE-(19|2\d)\d{2}-\d{4,19}$")]
    private static partial Regex Cve();

    // Loose: JVN#12345678, JVNVU#12345678, VU#123456, JVNDB-2026-000123.
    [GeneratedRegex(@"^((JVN|JVNVU|JVNTA|VU)#\d{4,10}|JVNDB-\d{4}-\d{4,8})$")]
    private static partial Regex CoordinatorReference();

    /// <summary>Normalizes hand-entered CVE ids (upper case, no duplicates); the invalid ones come back in <paramref name="invalid"/>.</summary>
    public static IReadOnlyList<string> CveIds(string? text, out IReadOnlyList<string> invalid) => Parse(text, Cve(), out invalid);

    public static IReadOnlyList<string> References(string? text, out IReadOnlyList<string> invalid) => Parse(text, CoordinatorReference(), out invalid);

    private static List<string> Parse(string? text, Regex format, out IReadOnlyList<string> invalid)
    {
        var good = new List<string>();
        var bad = new List<string>();
        foreach (var raw in CaseDisclosure.Split(text))
        {
            var id = raw.ToUpperInvariant();
            if (!format.IsMatch(id))
            {
                bad.Add(raw);
            }
            else if (!good.Contains(id))
            {
                good.Add(id);
            }
        }
        invalid = bad;
        return good;
    }

    /// <summary>
    /// The embargo in each audience's zone, JST first, one line per zone naming everyone in it; unknown zones are
    /// left out.
    /// </summary>
    public static IReadOnlyList<ZonedTime> InZones(DateTimeOffset instant, IEnumerable<EmbargoAudience> audience)
    {
        var result = new List<ZonedTime>();
        foreach (var a in audience.Prepend(new EmbargoAudience("JST", Jst.Id)))
        {
            var same = result.FindIndex(r => r.Zone == a.Zone);
            if (same >= 0)
            {
                if (!result[same].Audience.Contains(a.Name))
                {
                    result[same] = result[same] with { Name = result[same].Name + ", " + a.Name, Audience = [.. result[same].Audience, a.Name] };
                }
                continue;
            }
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(a.Zone, out var zone))
            {
                continue;
            }
            result.Add(new ZonedTime(a.Name, a.Zone, TimeZoneInfo.ConvertTime(instant, zone)));
        }
        return result;
    }

    /// <summary>A wall-clock time ("2027-03-30T09:00") in a zone to an instant; null when unparsable or skipped by a DST change.</summary>
    public static DateTimeOffset? FromLocal(string? local, string? zoneId)
    {
        if (!DateTime.TryParseExact(local?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(zoneId) ? Jst.Id : zoneId.Trim(), out var zone) || zone.IsInvalidTime(wall))
        {
            return null;
        }
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
