using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Staff;
using SirtDesk.Web;

namespace SirtDesk.Admin;

/// <summary>Administrators create staff accounts with a role and sub-team membership; each enrols TOTP at first sign-in.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UsersModel(SirtDb db, StaffAccounts accounts, ProfileStore profiles, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Teams, bool TotpConfirmed);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> TeamKeys { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? email, string? displayName, string? password, string? role, string[]? teams, CancellationToken ct)
    {
        var known = (await profiles.GetAsync(ct)).Teams.Select(t => t.Key).ToHashSet();
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || role is null || !Roles.All.Contains(role))
        {
            Errors.Add(l["SetupFieldsRequired"]);
        }
        else
        {
            var result = await accounts.CreateAsync(email.Trim(), password, role, (teams ?? []).Where(known.Contains), displayName);
            Errors.AddRange(result.Errors.Select(e => IdentityMessages.Localize(e, l)));
        }
        if (Errors.Count == 0)
        {
            return RedirectToPage();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        TeamKeys = [.. (await profiles.GetAsync(ct)).Teams.Select(t => t.Key)];
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var teams = await db.TeamMemberships.AsNoTracking().ToListAsync(ct);
        Rows = [.. users.Select(u => new Row(u.Email ?? "",
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "")],
            [.. teams.Where(t => t.UserId == u.Id).Select(t => t.Team)],
            u.TotpConfirmedAt is not null))];
    }
}
