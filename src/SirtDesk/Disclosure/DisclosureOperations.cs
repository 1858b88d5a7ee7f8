using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;

namespace SirtDesk.Disclosure;

/// <summary>What the case page and the API show of a case's disclosure.</summary>
public sealed record DisclosureView(
    DateTimeOffset? EmbargoAt, IReadOnlyList<ZonedTime> EmbargoTimes, IReadOnlyList<string> ExtraZones, DisclosureDue? Due,
    IReadOnlyList<string> References, DateOnly? ReportedOn, DateOnly? PublishedOn, string? VendorStatusJa, string? VendorStatusEn,
    IReadOnlyList<string> CveIds);

/// <summary>An embargo change as a form or client gives it: wall-clock time in a zone, extra display zones, and why.</summary>
public sealed record EmbargoChange(string? Local, string? Zone, string? ExtraZones, string? Reason, bool Clear = false);

public sealed record CoordinationChange(string? References, string? ReportedOn, string? PublishedOn, string? VendorStatusJa, string? VendorStatusEn);

/// <summary>Changes to a case's disclosure facts. Each writes its timeline entry in the same SaveChanges; problems come back as keys.</summary>
public sealed class DisclosureOperations(SirtDb db, TimeProvider clock)
{
    public const int MaxVendorStatusLength = 8000;

    public Task<CaseDisclosure?> FindAsync(long caseId, CancellationToken ct) =>
        db.Set<CaseDisclosure>().FirstOrDefaultAsync(d => d.CaseId == caseId, ct);

    /// <summary>
    /// The disclosure view. The embargo is shown in JST, in the zones of <paramref name="audience"/> (the viewer), in
    /// each case participant's own zone (from the directory) and in the record's extra zones.
    /// </summary>
    public async Task<DisclosureView> ViewAsync(Case @case, IEnumerable<EmbargoAudience> audience, CancellationToken ct)
    {
        var d = await db.Set<CaseDisclosure>().AsNoTracking().FirstOrDefaultAsync(x => x.CaseId == @case.Id, ct);
        if (d?.EmbargoAt is not null)
        {
            var participants = await db.Set<Coordination.CaseParticipant>().AsNoTracking()
                .Where(p => p.CaseId == @case.Id)
                .OrderBy(p => p.Id)
                .Select(p => new { Organization = p.Contact!.Organization!.Name, p.Contact.Name, p.Contact.Email, p.Contact.TimeZone })
                .ToListAsync(ct);
            audience = audience.Concat(participants.Select(p => new EmbargoAudience($"{p.Organization} ({p.Name ?? p.Email})", p.TimeZone))).ToList();
        }
        var defaults = await DisclosureDefaults.LoadAsync(db, ct);
        var zones = d?.ZoneList ?? [];
        var times = d?.EmbargoAt is { } at ? DisclosureFormats.InZones(at, audience.Concat(zones.Select(z => new EmbargoAudience(z, z)))) : [];
        return new DisclosureView(d?.EmbargoAt, times, zones, DisclosureDue.For(@case.ClockStartedAt, d?.EmbargoAt, defaults.DeadlineFor(@case.Team)),
            d?.ReferenceList ?? [], d?.ReportedToCoordinatorOn, d?.PublishedByCoordinatorOn, d?.VendorStatusJa, d?.VendorStatusEn, d?.CveList ?? []);
    }

    /// <summary>Sets, moves or clears the embargo. A reason is always required; the entry says old → new and why.</summary>
    public async Task<IReadOnlyList<string>> ChangeEmbargoAsync(Case @case, EmbargoChange change, string actor, CancellationToken ct)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(change.Reason))
        {
            problems.Add("EmbargoReasonRequired");
        }
        DateTimeOffset? at = null;
        if (!change.Clear && (at = DisclosureFormats.FromLocal(change.Local, change.Zone)) is null)
        {
            problems.Add("EmbargoTimeInvalid");
        }
        var zones = CaseDisclosure.Split(change.ExtraZones).Distinct().ToList();
        if (zones.Any(z => !TimeZoneInfo.TryFindSystemTimeZoneById(z, out _)) || zones.Count > 20)
        {
            problems.Add("EmbargoZoneInvalid");
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var newZones = zones.Count == 0 ? null : string.Join(' ', zones);
        var existing = await FindAsync(@case.Id, ct);
        if (existing?.EmbargoAt == at && existing?.EmbargoZones == newZones)
        {
            return []; // nothing to change (also: removing an embargo that was never set)
        }
        var d = existing ?? await GetOrAddAsync(@case, ct);
        var before = d.EmbargoAt;
        d.EmbargoAt = at;
        d.EmbargoZones = newZones;
        Log(@case, actor, "case.embargo", $"{Describe(before)} → {Describe(at)} — {change.Reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<IReadOnlyList<string>> ChangeCoordinationAsync(Case @case, CoordinationChange change, string actor, CancellationToken ct)
    {
        var problems = new List<string>();
        var refs = DisclosureFormats.References(change.References, out var badRefs);
        if (badRefs.Count > 0)
        {
            problems.Add("CoordinatorReferenceInvalid");
        }
        var reported = Date(change.ReportedOn, problems);
        var published = Date(change.PublishedOn, problems);
        if ((change.VendorStatusJa?.Length ?? 0) > MaxVendorStatusLength || (change.VendorStatusEn?.Length ?? 0) > MaxVendorStatusLength)
        {
            problems.Add("VendorStatusTooLong");
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var d = await GetOrAddAsync(@case, ct);
        var ja = Blank(change.VendorStatusJa);
        var en = Blank(change.VendorStatusEn);
        var changes = new List<string>();
        void Note(string name, string? old, string? now)
        {
            if (old != now)
            {
                changes.Add($"{name}: {old ?? "-"} → {now ?? "-"}");
            }
        }
        Note("references", Blank(d.CoordinatorReferences), refs.Count == 0 ? null : string.Join(' ', refs));
        Note("reported", d.ReportedToCoordinatorOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reported?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Note("published", d.PublishedByCoordinatorOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (d.VendorStatusJa != ja || d.VendorStatusEn != en)
        {
            changes.Add("vendor status text changed");
        }
        if (changes.Count == 0)
        {
            return [];
        }
        d.CoordinatorReferences = refs.Count == 0 ? null : string.Join(' ', refs);
        d.ReportedToCoordinatorOn = reported;
        d.PublishedByCoordinatorOn = published;
        d.VendorStatusJa = ja;
        d.VendorStatusEn = en;
        Log(@case, actor, "case.coordination", string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Replaces the case's CVE ids (hand-entered, CVE-YYYY-NNNN+); nothing changes if any is malformed.</summary>
    public async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> Invalid)> ChangeCveIdsAsync(Case @case, string? text, string actor, CancellationToken ct)
    {
        var ids = DisclosureFormats.CveIds(text, out var invalid);
        if (invalid.Count > 0)
        {
            return (["CveIdInvalid"], invalid);
        }
        var d = await GetOrAddAsync(@case, ct);
        var before = d.CveList;
        if (before.SequenceEqual(ids))
        {
            return ([], []);
        }
        d.CveIds = ids.Count == 0 ? null : string.Join(' ', ids);
        Log(@case, actor, "case.cve", $"{(before.Count == 0 ? "-" : string.Join(' ', before))} → {(ids.Count == 0 ? "-" : string.Join(' ', ids))}");
        await db.SaveChangesAsync(ct);
        return ([], []);
    }

    private async Task<CaseDisclosure> GetOrAddAsync(Case @case, CancellationToken ct)
    {
        var d = await FindAsync(@case.Id, ct);
        if (d is null)
        {
            d = new CaseDisclosure { CaseId = @case.Id };
            db.Add(d);
        }
        return d;
    }

    private void Log(Case @case, string actor, string action, string detail) =>
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = clock.GetUtcNow(), Actor = actor, Action = action, Detail = detail });

    private static string Describe(DateTimeOffset? at) => at is { } a
        ? TimeZoneInfo.ConvertTime(a, DisclosureFormats.Jst).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST"
        : "-";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateOnly? Date(string? s, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        if (!problems.Contains("CoordinationDateInvalid"))
        {
            problems.Add("CoordinationDateInvalid");
        }
        return null;
    }
}
