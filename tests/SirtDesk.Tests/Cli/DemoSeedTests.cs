using System.Net;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Advisories;
using SirtDesk.Cases;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cli;

/// <summary><c>sirtdesk demo seed</c> as its own process on an empty database, read back as a user would look at it.</summary>
public sealed class DemoSeedTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => SirtDeskProcess.RunAsync(app.DataDir, app.ConnectionString, null, args);

    [Fact]
    public async Task Demo_seed_fills_an_empty_database_with_both_teams_every_case_state_and_published_bilingual_advisories_once()
    {
        var seeded = await RunAsync("demo", "seed");
        Assert.True(seeded.Exit == 0, seeded.Err);

        var teams = await app.WithDbAsync(db => db.Reports.Select(r => r.Team).Distinct().ToListAsync());
        Assert.Equal(["csirt", "psirt"], teams.Order());
        var languages = await app.WithDbAsync(db => db.Reports.Select(r => r.Language).Distinct().ToListAsync());
        Assert.Equal(["en", "ja"], languages.Order());
        var states = await app.WithDbAsync(db => db.Cases.Select(c => c.Status).Distinct().ToListAsync());
        Assert.Equal(Enum.GetValues<CaseStatus>().Order(), states.Order());
        Assert.True(await app.WithDbAsync(db => db.Set<SirtDesk.Coordination.CaseParticipant>().AnyAsync()));

        var list = await RunAsync("advisory", "list");
        Assert.True(list.Exit == 0, list.Err);
        var published = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Split('\t')[1] == "published").ToList();
        Assert.True(published.Count >= 3, list.Out);
        var advisories = await app.WithDbAsync(db => db.Set<Advisory>().Where(a => a.Status == AdvisoryStatus.Published).ToListAsync());
        Assert.All(advisories, a => Assert.False(string.IsNullOrWhiteSpace(a.Content.Title.Ja) || string.IsNullOrWhiteSpace(a.Content.Title.En)));
        Assert.All(advisories, a => Assert.NotEqual(a.Content.Title.Ja, a.Content.Title.En));

        var ja = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/ja/advisories"));
        var en = WebUtility.HtmlDecode(await app.Anonymous().GetStringAsync("/en/advisories"));
        Assert.All(advisories, a =>
        {
            Assert.Contains(a.Content.Title.Ja, ja, StringComparison.Ordinal);
            Assert.Contains(a.Content.Title.En, en, StringComparison.Ordinal);
        });

        // Demo addresses are example domains: nothing the seed queued is left to be sent.
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(o => o.SentAt == null && o.GivenUpAt == null)));

        // Only into an empty database: a second run refuses and adds nothing.
        var reports = await app.WithDbAsync(db => db.Reports.CountAsync());
        var again = await RunAsync("demo", "seed");
        Assert.Equal(1, again.Exit);
        Assert.Contains("not empty", again.Err, StringComparison.Ordinal);
        Assert.Equal(reports, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }
}
