using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.Staff;

namespace SirtDesk.Mail;

/// <summary>Messages that could not become reports, with the reason; the raw message stays sealed in the database.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class QuarantinePageModel(SirtDb db, StaffAccess access) : PageModel
{
    public sealed record Row(DateTimeOffset ReceivedAt, string Team, string? Sender, string? Subject, string Reason, long Length, string Sha256);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visible = await access.VisibleTeamsAsync(User, ct);
        var query = db.QuarantinedMail.AsNoTracking();
        if (visible is not null)
        {
            query = query.Where(q => visible.Contains(q.Team));
        }
        Rows = await query.OrderByDescending(q => q.Id).Take(200)
            .Select(q => new Row(q.ReceivedAt, q.Team, q.Sender, q.Subject, q.Reason, q.Length, q.Sha256)).ToListAsync(ct);
    }
}
