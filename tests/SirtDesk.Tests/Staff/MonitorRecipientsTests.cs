using Microsoft.EntityFrameworkCore;
using SirtDesk.Staff;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Staff;

public sealed class MonitorRecipientsTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task Monitor_mail_goes_to_the_teams_coordinators_and_the_assignee_each_address_once()
    {
        await app.CreateStaffAsync("mr-coord-psirt@example.com", Roles.Coordinator, "psirt");
        await app.CreateStaffAsync("mr-coord-csirt@example.com", Roles.Coordinator, "csirt");
        await app.CreateStaffAsync("mr-analyst@example.com", Roles.Analyst, "psirt");
        await app.CreateStaffAsync("mr-alias@example.com", Roles.Analyst, "psirt");
        await app.CreateStaffAsync("mr-no-mail@example.com", Roles.Analyst, "psirt");
        var ids = await app.WithDbAsync(async db =>
        {
            // One person under two accounts: the second account's address differs from the coordinator's only in case.
            var alias = await db.Users.SingleAsync(u => u.UserName == "mr-alias@example.com");
            alias.Email = "MR-Coord-PSIRT@example.com";
            var noMail = await db.Users.SingleAsync(u => u.UserName == "mr-no-mail@example.com");
            noMail.Email = null;
            await db.SaveChangesAsync();
            return await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        });

        var recipients = await app.WithDbAsync(db => MonitorRecipients.ForAsync(db,
        [
            ("psirt", ids["mr-analyst@example.com"]),
            ("csirt", null),
            ("psirt", ids["mr-alias@example.com"]),
            ("psirt", ids["mr-no-mail@example.com"]),
            ("psirt", "no-such-user"),
            ("nobody's team", ids["mr-analyst@example.com"]),
        ], CancellationToken.None));

        Assert.Equal(["mr-coord-psirt@example.com", "mr-analyst@example.com"], recipients[0]);
        Assert.Equal(["mr-coord-csirt@example.com"], recipients[1]);
        Assert.Equal(["mr-coord-psirt@example.com"], recipients[2]);
        Assert.Equal(["mr-coord-psirt@example.com"], recipients[3]);
        Assert.Equal(["mr-coord-psirt@example.com"], recipients[4]);
        Assert.Equal(["mr-analyst@example.com"], recipients[5]);
    }
}
