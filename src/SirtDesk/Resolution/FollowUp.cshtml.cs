using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Staff;

namespace SirtDesk.Resolution;

/// <summary>Recommendations still open (proposed or accepted) on the cases of the teams the user sees.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FollowUpModel(StaffAccess access, ResolutionOperations resolution) : PageModel
{
    public IReadOnlyList<FollowUpItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await resolution.FollowUpAsync(await access.VisibleTeamsAsync(User, ct), ct);
}
