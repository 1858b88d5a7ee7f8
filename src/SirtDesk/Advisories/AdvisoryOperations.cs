using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Disclosure;
using SirtDesk.Intake;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;
using SirtDesk.Web;

namespace SirtDesk.Advisories;

/// <summary>Advisories: settings from configuration section <c>Advisories</c>.</summary>
public sealed class AdvisoryOptions
{
    /// <summary>Prefix of advisory ids: PREFIX-YYYY-NNNN.</summary>
    public string Prefix { get; set; } = "SDA";

    /// <summary>When true, an advisory may be published in Japanese only or English only.</summary>
    public bool AllowSingleLanguage { get; set; }

    /// <summary>The CNA's organisation UUID for CVE records (assignerOrgId / providerMetadata.orgId).</summary>
    public string CnaOrgId { get; set; } = "00000000-0000-4000-8000-000000000000";

    /// <summary>The CNA short name for CVE records; empty means the team profile's English short name.</summary>
    public string? CnaShortName { get; set; }

    /// <summary>Subscription requests (form posts) one client may make per hour; 0 turns the limit off.</summary>
    public int SubscribeLimitPerHour { get; set; } = 5;
}

/// <summary>A refusal: a resource key and, for CSAF failures, the test number, JSON pointer and message.</summary>
public sealed record AdvisoryProblem(string Key, string? Test = null, string? Pointer = null, string? Message = null);

/// <summary>
/// The advisory workflow. Every step that matters to an audit (created, submitted, returned, approved and
/// published, approval refused, withdrawn) leaves an entry on the timeline of each case the advisory is made from.
/// </summary>
public sealed partial class AdvisoryOperations(SirtDb db, TimeProvider clock, IOptions<AdvisoryOptions> options, ProfileStore profiles, AdvisoryNotifications notifications)
{
    public const int MaxTextLength = 20000;
    public const int MaxListLength = 100;

    /// <summary>The revision summary of a first publication without one of its own (shown localized on the pages).</summary>
    public const string InitialReleaseSummary = "Initial public release";

    /// <summary>The revision summary of an update without one of its own (shown localized on the pages).</summary>
    public const string UpdateSummary = "Update";

    /// <summary>
    /// A revision summary as a reader sees it: the default summaries are stored in English (the CSAF revision history
    /// keeps them so) and shown in the reader's language; a summary staff typed is shown as typed.
    /// </summary>
    public static string RevisionSummary(string summary, IStringLocalizer l, string lang) => summary switch
    {
        InitialReleaseSummary => l.In(lang, "AdvisoryInitialReleaseSummary"),
        UpdateSummary => l.In(lang, "AdvisoryUpdateSummary"),
        _ => summary,
    };

    [GeneratedRegex(@"^CWE-[1-9][0-9]{0,5}$")]
    private static partial Regex CweFormat();

    public Task<Advisory?> FindAsync(string number, CancellationToken ct) =>
        db.Set<Advisory>().Include(a => a.Cases).Include(a => a.Revisions).AsSplitQuery().FirstOrDefaultAsync(a => a.Number == number, ct);

    /// <summary>Opens a draft from cases of one team, with defaults from them (title, CVSS of the triage, CVE ids, products, credits).</summary>
    public async Task<(Advisory? Advisory, IReadOnlyList<AdvisoryProblem> Problems)> CreateAsync(IReadOnlyList<string> caseNumbers, string actor, CancellationToken ct)
    {
        var numbers = caseNumbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        if (numbers.Count == 0)
        {
            return (null, [new("AdvisoryNeedsCase")]);
        }
        var cases = await db.Cases.Include(c => c.Reports).Where(c => numbers.Contains(c.Number)).ToListAsync(ct);
        if (cases.Count != numbers.Count)
        {
            return (null, [new("AdvisoryUnknownCase")]);
        }
        if (cases.Select(c => c.Team).Distinct().Count() > 1)
        {
            return (null, [new("AdvisoryCasesOfOneTeam")]);
        }
        cases = [.. numbers.Select(n => cases.First(c => c.Number == n))];
        var now = clock.GetUtcNow();
        var year = now.Year;
        var prefix = options.Value.Prefix.Trim() is { Length: > 0 } p ? p : "SDA";
        var n = await Numbering.NextAsync(db, $"{prefix}-{year}", ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var cves = await db.Set<CaseDisclosure>().Where(d => caseIds.Contains(d.CaseId)).Select(d => d.CveIds).ToListAsync(ct);
        var profile = await profiles.GetAsync(ct);
        var vendor = profile.Organization.EnglishName;
        var first = cases[0];
        var content = new AdvisoryContent
        {
            Tlp = "CLEAR",
            Title = new Bilingual(first.Title, first.Title),
            CvssVector = cases.Select(c => c.CvssVector).FirstOrDefault(v => v is not null),
            CveIds = [.. cves.SelectMany(CaseDisclosure.Split).Select(c => c.ToUpperInvariant()).Distinct()],
            Products = [.. cases.SelectMany(c => c.Reports).Where(r => !string.IsNullOrWhiteSpace(r.Product))
                .Select(r => new AffectedProduct(vendor, r.Product!.Trim(), r.ProductVersion?.Trim() ?? "", null)).Distinct()],
            Acknowledgements = Credits(cases),
        };
        var advisory = new Advisory
        {
            Number = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{n:0000}"),
            Team = first.Team,
            Status = AdvisoryStatus.Draft,
            ContentJson = content.ToJson(),
            CreatedBy = actor,
            CreatedAt = now,
            UpdatedAt = now,
            Cases = [.. caseIds.Select(id => new AdvisoryCase { CaseId = id })],
        };
        db.Add(advisory);
        Audit(caseIds, actor, "advisory.created", advisory.Number);
        await db.SaveChangesAsync(ct);
        return (advisory, []);
    }

    /// <summary>Credits exactly as each reporter chose on the form or the portal: by name, or not at all.</summary>
    public static IReadOnlyList<Acknowledgement> Credits(IEnumerable<Case> cases) =>
        [.. cases.SelectMany(c => c.Reports).Where(r => r.Credit == "name" && !string.IsNullOrWhiteSpace(r.ReporterName ?? r.ReporterOrganization))
            .Select(r => new Acknowledgement((r.ReporterName ?? r.ReporterOrganization)!.Trim(), string.IsNullOrWhiteSpace(r.ReporterOrganization) || r.ReporterName is null ? null : r.ReporterOrganization.Trim()))
            .Distinct()];

    /// <summary>Saves edited text. Drafts and published advisories (an update in preparation) can be edited; nothing in review or withdrawn.</summary>
    public async Task<IReadOnlyList<AdvisoryProblem>> SaveAsync(Advisory advisory, AdvisoryContent edited, string? changeSummary, string actor, CancellationToken ct)
    {
        if (advisory.IsInReview || advisory.Status == AdvisoryStatus.Withdrawn)
        {
            return [new("AdvisoryNotEditable")];
        }
        var problems = CheckFormat(edited);
        if (problems.Count > 0)
        {
            return problems;
        }
        var cases = await CasesOfAsync(advisory, ct);
        var content = edited with
        {
            Acknowledgements = Credits(cases),
            CweId = Blank(edited.CweId)?.ToUpperInvariant(),
            CveIds = [.. edited.CveIds.Select(id => id.Trim().ToUpperInvariant()).Distinct()],
            References = [.. edited.References.Select(r => r.Trim()).Distinct()],
        };
        var json = content.ToJson();
        var summary = Blank(changeSummary);
        if (json == advisory.ContentJson && summary == advisory.ChangeSummary)
        {
            return [];
        }
        advisory.ContentJson = json;
        advisory.ChangeSummary = summary;
        advisory.UpdatedAt = clock.GetUtcNow();
        if (advisory.Status == AdvisoryStatus.Published)
        {
            advisory.HasPendingChanges = advisory.Revisions.OrderBy(r => r.Number).LastOrDefault()?.ContentJson != json;
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Asks a second person to review: the first publication, or an update of a published advisory.</summary>
    public async Task<IReadOnlyList<AdvisoryProblem>> SubmitForReviewAsync(Advisory advisory, string actor, CancellationToken ct)
    {
        if (advisory.IsInReview || advisory.Status == AdvisoryStatus.Withdrawn)
        {
            return [new("AdvisoryNotEditable")];
        }
        if (advisory.Status == AdvisoryStatus.Published && !advisory.HasPendingChanges)
        {
            return [new("AdvisoryNoChanges")];
        }
        var problems = CheckComplete(advisory.Content, options.Value.AllowSingleLanguage).ToList();
        if (advisory.Status == AdvisoryStatus.Published && advisory.ChangeSummary is null)
        {
            problems.Add(new("AdvisoryChangeSummaryRequired"));
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        var now = clock.GetUtcNow();
        advisory.SubmittedBy = actor;
        advisory.SubmittedAt = now;
        if (advisory.Status == AdvisoryStatus.Draft)
        {
            advisory.Status = AdvisoryStatus.InReview;
        }
        Audit(advisory, actor, "advisory.submitted", $"{advisory.Number} revision {advisory.Revision + 1}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The reviewer sends the text back to its authors.</summary>
    public async Task<IReadOnlyList<AdvisoryProblem>> ReturnToDraftAsync(Advisory advisory, string actor, string? reason, CancellationToken ct)
    {
        if (!advisory.IsInReview)
        {
            return [new("AdvisoryNotInReview")];
        }
        advisory.SubmittedBy = null;
        advisory.SubmittedAt = null;
        if (advisory.Status == AdvisoryStatus.InReview)
        {
            advisory.Status = AdvisoryStatus.Draft;
        }
        Audit(advisory, actor, "advisory.returned", $"{advisory.Number}: {Blank(reason) ?? "-"}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// Four eyes: someone who neither wrote the advisory nor submitted it approves, and it is published at once as
    /// the next revision. The CSAF document is generated and must pass the strict schema and the mandatory tests;
    /// otherwise nothing changes and the failing tests come back.
    /// </summary>
    public async Task<IReadOnlyList<AdvisoryProblem>> ApproveAndPublishAsync(Advisory advisory, string approver, string baseUrl, CancellationToken ct)
    {
        if (!advisory.IsInReview)
        {
            return [new("AdvisoryNotInReview")];
        }
        if (string.Equals(approver, advisory.CreatedBy, StringComparison.OrdinalIgnoreCase) || string.Equals(approver, advisory.SubmittedBy, StringComparison.OrdinalIgnoreCase))
        {
            Audit(advisory, approver, "advisory.approval-refused", $"{advisory.Number}: the author cannot approve their own advisory");
            await db.SaveChangesAsync(ct);
            return [new("AdvisoryFourEyes")];
        }
        var problems = CheckComplete(advisory.Content, options.Value.AllowSingleLanguage);
        if (problems.Count > 0)
        {
            return problems;
        }
        var now = clock.GetUtcNow();
        var profile = await profiles.GetAsync(ct);
        var revision = new AdvisoryRevision
        {
            AdvisoryId = advisory.Id,
            Number = advisory.Revision + 1,
            PublishedAt = now,
            Summary = advisory.ChangeSummary ?? (advisory.Revision == 0 ? InitialReleaseSummary : UpdateSummary),
            SubmittedBy = advisory.SubmittedBy!,
            ApprovedBy = approver,
            ContentJson = advisory.ContentJson,
            CsafJson = "",
        };
        var history = advisory.Revisions.OrderBy(r => r.Number).Append(revision).ToList();
        var csaf = CsafDocument.Build(advisory.Number, advisory.Content, history, profile, baseUrl, CsafLanguage(advisory.Content));
        var failures = CsafValidator.Validate(csaf);
        if (failures.Count > 0)
        {
            return [.. failures.Select(f => new AdvisoryProblem("AdvisoryCsafInvalid", f.Test, f.Pointer, f.Message))];
        }
        revision.CsafJson = CsafDocument.Serialize(csaf);
        advisory.Revisions.Add(revision);
        advisory.Revision = revision.Number;
        advisory.InitialReleaseAt ??= now;
        advisory.CurrentReleaseAt = now;
        advisory.Status = AdvisoryStatus.Published;
        advisory.SubmittedBy = null;
        advisory.SubmittedAt = null;
        advisory.ChangeSummary = null;
        advisory.HasPendingChanges = false;
        advisory.UpdatedAt = now;
        Audit(advisory, approver, "advisory.published", $"{advisory.Number} revision {revision.Number}, approved by {approver}, submitted by {revision.SubmittedBy}");
        await DiscloseCasesAsync(advisory, approver, now, ct);
        await notifications.QueueAsync(advisory, revision, baseUrl, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// The CSAF document the current text would publish as the next revision (dated now), and what the validator says
    /// of it: for the editor's "check" button and preview, before anyone approves.
    /// </summary>
    public async Task<(string Json, IReadOnlyList<AdvisoryProblem> Problems)> PreviewAsync(Advisory advisory, string baseUrl, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(ct);
        var next = new AdvisoryRevision
        {
            Number = advisory.Revision + 1,
            PublishedAt = clock.GetUtcNow(),
            Summary = advisory.ChangeSummary ?? (advisory.Revision == 0 ? InitialReleaseSummary : UpdateSummary),
            SubmittedBy = advisory.SubmittedBy ?? "",
            ApprovedBy = "",
            ContentJson = advisory.ContentJson,
            CsafJson = "",
        };
        var content = advisory.Content;
        var csaf = CsafDocument.Build(advisory.Number, content, [.. advisory.Revisions.OrderBy(r => r.Number), next], profile, baseUrl, CsafLanguage(content));
        var problems = CheckComplete(content, options.Value.AllowSingleLanguage).ToList();
        problems.AddRange(CsafValidator.Validate(csaf).Select(f => new AdvisoryProblem("AdvisoryCsafInvalid", f.Test, f.Pointer, f.Message)));
        return (CsafDocument.Serialize(csaf), problems);
    }

    /// <summary>Takes a published advisory (or a draft) out of publication; its revisions stay on record.</summary>
    public async Task<IReadOnlyList<AdvisoryProblem>> WithdrawAsync(Advisory advisory, string actor, string? reason, CancellationToken ct)
    {
        if (advisory.Status == AdvisoryStatus.Withdrawn)
        {
            return [];
        }
        if (Blank(reason) is not { } why)
        {
            return [new("AdvisoryWithdrawReasonRequired")];
        }
        var now = clock.GetUtcNow();
        advisory.Status = AdvisoryStatus.Withdrawn;
        advisory.WithdrawnAt = now;
        advisory.WithdrawnBy = actor;
        advisory.WithdrawReason = why;
        advisory.SubmittedBy = null;
        advisory.SubmittedAt = null;
        advisory.UpdatedAt = now;
        Audit(advisory, actor, "advisory.withdrawn", $"{advisory.Number}: {why}");
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The language of the published CSAF document: English, or Japanese when the advisory has only Japanese.</summary>
    public static string CsafLanguage(AdvisoryContent c) => string.IsNullOrWhiteSpace(c.Title.En) ? "ja" : "en";

    public async Task<List<Case>> CasesOfAsync(Advisory advisory, CancellationToken ct)
    {
        var ids = advisory.Cases.Select(c => c.CaseId).ToList();
        return await db.Cases.Include(c => c.Reports).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
    }

    /// <summary>Formats that must hold even in a draft: TLP label, CVSS vector, CWE id, CVE ids, reference URLs, lengths.</summary>
    public static List<AdvisoryProblem> CheckFormat(AdvisoryContent c)
    {
        var problems = new List<AdvisoryProblem>();
        if (!Case.TlpLabels.Contains(c.Tlp))
        {
            problems.Add(new("AdvisoryTlpInvalid"));
        }
        if (Blank(c.CvssVector) is { } v && !CvssVector.Parse(v).IsValid)
        {
            problems.Add(new("AdvisoryCvssInvalid"));
        }
        if (Blank(c.CweId) is { } cwe && (!CweFormat().IsMatch(cwe.ToUpperInvariant()) || !Cwe.TryGetName(cwe.ToUpperInvariant(), out _)))
        {
            problems.Add(new("AdvisoryCweUnknown"));
        }
        if (c.CveIds.Any(id => DisclosureFormats.CveIds(id, out var bad).Count != 1 || bad.Count > 0))
        {
            problems.Add(new("CveIdInvalid"));
        }
        if (c.References.Count > MaxListLength || c.CveIds.Count > MaxListLength)
        {
            problems.Add(new("AdvisoryTooLong"));
        }
        if (c.References.Any(r => r.Length > 2048 || !Uri.TryCreate(r, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http")))
        {
            problems.Add(new("AdvisoryReferenceInvalid"));
        }
        Bilingual[] texts = [c.Title, c.Summary, c.Details, c.Impact, c.Workarounds];
        if (texts.Any(t => t.Ja.Length > MaxTextLength || t.En.Length > MaxTextLength) || c.Products.Count > 200
            || c.Products.Any(p => p.Name.Length > 256 || p.Vendor.Length > 256 || p.AffectedVersions.Length > 256 || (p.FixedVersion?.Length ?? 0) > 256))
        {
            problems.Add(new("AdvisoryTooLong"));
        }
        if (c.Products.Any(p => string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.Vendor)))
        {
            problems.Add(new("AdvisoryProductIncomplete"));
        }
        return problems;
    }

    /// <summary>What publication needs: title and summary, every text in both languages (unless the team allows one), a product.</summary>
    public static IReadOnlyList<AdvisoryProblem> CheckComplete(AdvisoryContent c, bool allowSingleLanguage)
    {
        var problems = CheckFormat(c);
        if (c.Title.IsEmpty || c.Summary.IsEmpty)
        {
            problems.Add(new("AdvisoryTitleSummaryRequired"));
        }
        Bilingual[] texts = [c.Title, c.Summary, c.Details, c.Impact, c.Workarounds];
        bool Has(Bilingual b, string lang) => !string.IsNullOrWhiteSpace(lang == "ja" ? b.Ja : b.En);
        var complete = allowSingleLanguage
            ? texts.All(t => t.IsEmpty || Has(t, "ja")) || texts.All(t => t.IsEmpty || Has(t, "en"))
            : texts.All(t => t.IsEmpty || (Has(t, "ja") && Has(t, "en")));
        if (!complete)
        {
            problems.Add(new("AdvisoryBothLanguagesRequired"));
        }
        if (c.Products.Count == 0 || c.Products.Any(p => string.IsNullOrWhiteSpace(p.AffectedVersions)))
        {
            problems.Add(new("AdvisoryProductRequired"));
        }
        return problems;
    }

    /// <summary>
    /// A public (TLP:CLEAR) advisory discloses its cases: their disclosure SLA clock stops (<c>DisclosedAt</c>, the
    /// first time only) and the timeline says so. A partner-only advisory (GREEN, AMBER, RED) is not a disclosure.
    /// </summary>
    private async Task DiscloseCasesAsync(Advisory advisory, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (advisory.Content.Tlp != "CLEAR")
        {
            return;
        }
        var caseIds = advisory.Cases.Select(c => c.CaseId).ToList();
        foreach (var c in await db.Cases.Where(c => caseIds.Contains(c.Id) && c.DisclosedAt == null).ToListAsync(ct))
        {
            c.DisclosedAt = now;
            db.Timeline.Add(new TimelineEntry { CaseId = c.Id, At = now, Actor = actor, Action = "case.disclosed", Detail = advisory.Number });
        }
    }

    private void Audit(Advisory advisory, string actor, string action, string detail) => Audit(advisory.Cases.Select(c => c.CaseId), actor, action, detail);

    private void Audit(IEnumerable<long> caseIds, string actor, string action, string detail)
    {
        var now = clock.GetUtcNow();
        foreach (var id in caseIds)
        {
            db.Timeline.Add(new TimelineEntry { CaseId = id, At = now, Actor = actor, Action = action, Detail = detail });
        }
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
