using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Staff;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Triage;

/// <summary>The case's CVSS calculator and severity factors. Works without JavaScript (form post); the script only adds a live score.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class TriagePageModel(SirtDb db, StaffAccess access, CaseOperations cases, SeverityPolicyStore policies) : PageModel
{
    public Case? Case { get; private set; }
    public SeverityPolicy Policy { get; private set; } = SeverityPolicy.Default;
    public string? Error { get; private set; }
    public string VectorText { get; private set; } = "";
    public string Version { get; private set; } = "3.1";
    public string? Reason { get; private set; }
    public string? LiveText { get; private set; }
    private Dictionary<string, string> factors = [];
    private CvssVector? current;

    public bool CanAct => StaffAccess.CanAct(User);

    public string? Factor(string key) => factors.TryGetValue(key, out var v) ? v : null;

    public string? Selected(string tag, string metric) =>
        current is { } v && ((tag == "4") == (v.Version == CvssVersion.V4_0)) ? v[metric] : null;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        VectorText = Case!.CvssVector ?? "";
        factors = SeverityPolicyStore.Factors(Case.SeverityFactors);
        if (Case.CvssVector is not null && CvssVector.Parse(Case.CvssVector) is { IsValid: true } parsed)
        {
            current = parsed.Vector;
            Version = parsed.Vector.Version == CvssVersion.V4_0 ? "4.0" : "3.1";
            LiveText = $"{parsed.Vector.Score().Overall}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string number, string? vector, string? version, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(number, ct))
        {
            return NotFound();
        }
        if (!CanAct)
        {
            return Forbid();
        }
        Version = version == "4.0" ? "4.0" : "3.1";
        Reason = reason;
        factors = Policy.Factors.ToDictionary(f => f.Key, f => Request.Form["factor_" + f.Key].ToString())
            .Where(kv => Policy.Factors.Single(f => f.Key == kv.Key).Options.Any(o => o.Value == kv.Value))
            .ToDictionary();
        var text = vector?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            var tag = Version == "4.0" ? "4" : "3";
            var cvssVersion = Version == "4.0" ? CvssVersion.V4_0 : CvssVersion.V3_1;
            var chosen = CvssMetrics.For(cvssVersion).Where(m => m.Group == CvssMetricGroup.Base)
                .Select(m => (m.Key, Value: Request.Form[$"m{tag}_{m.Key}"].ToString()))
                .Where(x => x.Value.Length > 0).ToDictionary(x => x.Key, x => x.Value);
            text = TriageModule.Compose(cvssVersion, chosen);
        }
        VectorText = text;
        var parsed = CvssVector.Parse(text);
        if (!parsed.IsValid)
        {
            Error = parsed.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await cases.RescoreAsync(Case!, parsed.Vector, factors, Policy, reason, StaffAccess.Actor(User), ct);
        return Redirect($"/staff/cases/{number}");
    }

    private async Task<bool> LoadAsync(string number, CancellationToken ct)
    {
        Case = await db.Cases.FirstOrDefaultAsync(c => c.Number == number, ct);
        if (Case is null || !await access.CanSeeTeamAsync(User, Case.Team, ct))
        {
            Case = null;
            return false;
        }
        Policy = await policies.GetAsync(ct);
        return true;
    }
}
