using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Sla;

[Authorize(Policy = Policies.Staff)]
public sealed class AttainmentPageModel(SirtDb db, StaffAccess access, SlaBoard board, TimeProvider clock, PublicSite.ProfileStore profiles) : PageModel
{
    public IReadOnlyList<AttainmentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = await Attainment.ComputeAsync(db, board, await access.VisibleTeamsAsync(User, ct), (await profiles.GetAsync(ct)).Zone, clock.GetUtcNow(), ct);
}
