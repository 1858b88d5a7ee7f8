using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Cases;
using SirtDesk.Disclosure;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Advisories;

/// <summary>The editor's form: every text in Japanese and English side by side; products one per line, "vendor | product | affected versions | fixed version".</summary>
public sealed class AdvisoryForm
{
    public string? Tlp { get; set; }
    public string? TitleJa { get; set; }
    public string? TitleEn { get; set; }
    public string? SummaryJa { get; set; }
    public string? SummaryEn { get; set; }
    public string? DetailsJa { get; set; }
    public string? DetailsEn { get; set; }
    public string? ImpactJa { get; set; }
    public string? ImpactEn { get; set; }
    public string? WorkaroundsJa { get; set; }
    public string? WorkaroundsEn { get; set; }
    public string? Products { get; set; }
    public string? CvssVector { get; set; }
    public string? CweId { get; set; }
    public string? CveIds { get; set; }
    public string? References { get; set; }
    public string? ChangeSummary { get; set; }

    public static AdvisoryForm From(Advisory a)
    {
        var c = a.Content;
        return new AdvisoryForm
        {
            Tlp = c.Tlp,
            TitleJa = c.Title.Ja,
            TitleEn = c.Title.En,
            SummaryJa = c.Summary.Ja,
            SummaryEn = c.Summary.En,
            DetailsJa = c.Details.Ja,
            DetailsEn = c.Details.En,
            ImpactJa = c.Impact.Ja,
            ImpactEn = c.Impact.En,
            WorkaroundsJa = c.Workarounds.Ja,
            WorkaroundsEn = c.Workarounds.En,
            Products = string.Join("\n", c.Products.Select(p => $"{p.Vendor} | {p.Name} | {p.AffectedVersions} | {p.FixedVersion}")),
            CvssVector = c.CvssVector,
            CweId = c.CweId,
            CveIds = string.Join(' ', c.CveIds),
            References = string.Join("\n", c.References),
            ChangeSummary = a.ChangeSummary,
        };
    }

    /// <summary>The content, or null with the problems when a line cannot be read.</summary>
    public AdvisoryContent? ToContent(List<AdvisoryProblem> problems)
    {
        static string T(string? s) => (s ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var products = new List<AffectedProduct>();
        foreach (var line in T(Products).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length is < 3 or > 4)
            {
                problems.Add(new("AdvisoryProductLine"));
                return null;
            }
            products.Add(new AffectedProduct(parts[0], parts[1], parts[2], parts.Length == 4 && parts[3].Length > 0 ? parts[3] : null));
        }
        var cves = DisclosureFormats.CveIds(CveIds, out var invalid);
        if (invalid.Count > 0)
        {
            problems.Add(new("CveIdInvalid"));
            return null;
        }
        return new AdvisoryContent
        {
            Tlp = T(Tlp).ToUpperInvariant(),
            Title = new(T(TitleJa), T(TitleEn)),
            Summary = new(T(SummaryJa), T(SummaryEn)),
            Details = new(T(DetailsJa), T(DetailsEn)),
            Impact = new(T(ImpactJa), T(ImpactEn)),
            Workarounds = new(T(WorkaroundsJa), T(WorkaroundsEn)),
            Products = products,
            CvssVector = AdvisoryOperations.Blank(CvssVector),
            CweId = AdvisoryOperations.Blank(CweId),
            CveIds = cves,
            References = [.. T(References).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
    }
}

/// <summary>/staff/advisories/{number}: edit (ja/en side by side), submit for review, approve and publish, return, withdraw; the revisions.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StaffAdvisoryEditModel(AdvisoryOperations advisories, StaffAccess access, IConfiguration config) : PageModel
{
    public Advisory? Advisory { get; private set; }
    public AdvisoryForm Form { get; private set; } = new();
    public IReadOnlyList<Case> Cases { get; private set; } = [];
    public IReadOnlyList<AdvisoryProblem> Problems { get; private set; } = [];
    public bool CanAct => StaffAccess.CanAct(User);
    public string Me => StaffAccess.Actor(User);

    /// <summary>Four eyes: the page offers approval only to someone who neither wrote nor submitted the advisory.</summary>
    public bool CanApprove => CanAct && Advisory is { IsInReview: true } a
        && !string.Equals(a.CreatedBy, Me, StringComparison.OrdinalIgnoreCase) && !string.Equals(a.SubmittedBy, Me, StringComparison.OrdinalIgnoreCase);

    /// <summary>Set after "check": the text would publish (true) or not (the problems are listed).</summary>
    public bool? CheckPassed { get; private set; }

    public bool Editable => CanAct && Advisory is { IsInReview: false } a && a.Status != AdvisoryStatus.Withdrawn;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        Form = AdvisoryForm.From(Advisory!);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string number, AdvisoryForm form, CancellationToken ct) => ActAsync(number, form, async a =>
    {
        var problems = new List<AdvisoryProblem>();
        var content = form.ToContent(problems);
        return content is null ? problems : await advisories.SaveAsync(a, content, form.ChangeSummary, Me, ct);
    }, ct);

    public Task<IActionResult> OnPostSubmitAsync(string number, AdvisoryForm form, CancellationToken ct) => ActAsync(number, form, async a =>
    {
        var problems = new List<AdvisoryProblem>();
        var content = form.ToContent(problems);
        if (content is null)
        {
            return problems;
        }
        var saved = await advisories.SaveAsync(a, content, form.ChangeSummary, Me, ct);
        return saved.Count > 0 ? saved : await advisories.SubmitForReviewAsync(a, Me, ct);
    }, ct);

    /// <summary>The CSAF document the saved text would publish as the next revision, as JSON (a preview; nothing is stored).</summary>
    public async Task<IActionResult> OnGetCsafAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        var (json, _) = await advisories.PreviewAsync(Advisory!, PublicSiteModule.BaseUrl(HttpContext, config), ct);
        return Content(json, "application/json; charset=utf-8");
    }

    /// <summary>Runs the publication checks (both languages, CSAF schema and mandatory tests) on the saved text.</summary>
    public async Task<IActionResult> OnPostCheckAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        var (_, problems) = await advisories.PreviewAsync(Advisory!, PublicSiteModule.BaseUrl(HttpContext, config), ct);
        Form = AdvisoryForm.From(Advisory!);
        Problems = problems;
        CheckPassed = problems.Count == 0;
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(string number, CancellationToken ct) =>
        ActAsync(number, null, a => advisories.ApproveAndPublishAsync(a, Me, PublicSiteModule.BaseUrl(HttpContext, config), ct), ct);

    public Task<IActionResult> OnPostReturnAsync(string number, string? reason, CancellationToken ct) =>
        ActAsync(number, null, a => advisories.ReturnToDraftAsync(a, Me, reason, ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(string number, string? reason, CancellationToken ct) =>
        ActAsync(number, null, a => advisories.WithdrawAsync(a, Me, reason, ct), ct);

    private async Task<IActionResult> ActAsync(string number, AdvisoryForm? form, Func<Advisory, Task<IReadOnlyList<AdvisoryProblem>>> act, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        var problems = await act(Advisory!);
        if (problems.Count == 0)
        {
            return Redirect($"/staff/advisories/{Uri.EscapeDataString(number)}");
        }
        await LoadAsync(number, ct);
        Form = form ?? AdvisoryForm.From(Advisory!);
        Problems = problems;
        Response.StatusCode = problems.Any(p => p.Key == "AdvisoryFourEyes") ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Advisory = await advisories.FindAsync(number, ct);
        if (Advisory is null || !await access.CanSeeTeamAsync(User, Advisory.Team, ct))
        {
            return false;
        }
        Cases = await advisories.CasesOfAsync(Advisory, ct);
        return true;
    }
}
