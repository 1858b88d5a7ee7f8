using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;

namespace SirtDesk.Staff;

/// <summary>
/// Who the monitors (SLA alerts, embargo reminders, overdue plan reviews) mail about one item: the coordinators of
/// its team and the person it is assigned to, each address once.
/// </summary>
public static class MonitorRecipients
{
    /// <summary>
    /// The addresses for each item, in the order of <paramref name="items"/>: the team's coordinators first, then the
    /// assignee. Addresses are compared ignoring case (one mailbox, one mail); people without an address are left
    /// out. Only the coordinators of the items' teams and the items' assignees are read.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> ForAsync(SirtDb db, IReadOnlyList<(string Team, string? AssigneeId)> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var teams = items.Select(i => i.Team).Distinct().ToList();
        var assigneeIds = items.Select(i => i.AssigneeId).OfType<string>().Distinct().ToList();
        var coordinators = (await (from m in db.TeamMemberships
                                   join ur in db.UserRoles on m.UserId equals ur.UserId
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   join u in db.Users on m.UserId equals u.Id
                                   where r.Name == Roles.Coordinator && teams.Contains(m.Team) && u.Email != null && u.Email != ""
                                   select new { m.Team, u.Email }).ToListAsync(ct))
            .ToLookup(c => c.Team, c => c.Email!);
        var assignees = assigneeIds.Count == 0
            ? []
            : await db.Users.Where(u => assigneeIds.Contains(u.Id) && u.Email != null && u.Email != "")
                .Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        return [.. items.Select(item =>
        {
            List<string> to = [.. coordinators[item.Team]];
            if (item.AssigneeId is { } id && assignees.TryGetValue(id, out var email))
            {
                to.Add(email);
            }
            return (IReadOnlyList<string>)[.. to.Distinct(StringComparer.OrdinalIgnoreCase)];
        })];
    }
}
