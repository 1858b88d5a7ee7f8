using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Sla;
using SirtDesk.Standards.Cvss;
using SirtDesk.Tests.Infrastructure;
using SirtDesk.Triage;

namespace SirtDesk.Tests.Sla;

/// <summary>
/// An app whose clock tests move by hand, starting Monday 2027-03-22 07:00 UTC: Berlin's clocks go forward on Sunday
/// the 28th, Santiago's back at midnight on 2027-04-04. Unlike FakeTimeProvider its timers run on real time, so
/// moving it by weeks does not fire the WAL checkpointer's one-second timer a million times.
/// </summary>
public sealed class DaylightSavingApp : SirtDeskApp
{
    public SettableClock Now { get; } = new(new DateTimeOffset(2027, 3, 22, 7, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sla:Monitor", "false");
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Now));
    }

    public sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}

/// <summary>
/// The board reads each case's clock columns and pauses (kept by <see cref="CaseOperations"/>); these tests drive
/// random case histories through the operations and check that it gives exactly what the timeline gave before
/// (<see cref="ReferenceClocks"/>), for the filters the pages use, on this run's database.
/// </summary>
public sealed class SlaBoardTests(DaylightSavingApp app) : IClassFixture<DaylightSavingApp>
{
    private static readonly string[] Vectors =
    [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",
        "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N",
    ];

    private static readonly CaseStatus[] Statuses =
        [CaseStatus.Open, CaseStatus.Triage, CaseStatus.InProgress, CaseStatus.WaitingOnReporter, CaseStatus.WaitingOnVendor, CaseStatus.Closed];

    [Fact]
    public async Task The_board_gives_exactly_the_clocks_the_timeline_gives_for_random_case_histories_across_clock_changes()
    {
        var clock = app.Now;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<SlaSettings>();
            Assert.Empty(await settings.SaveCalendarsAsync("""
                {
                  "psirt": {"timeZone": "Europe/Berlin", "hours": {"Monday": ["09:00-12:00", "13:00-17:00"], "Tuesday": ["09:00-17:00"], "Wednesday": ["09:00-17:00"],
                            "Thursday": ["09:00-17:00"], "Friday": ["09:00-15:30"], "Sunday": ["01:00-04:00"]},
                            "holidays": "none", "yearlyClosures": ["12-24..12-26"], "closedDates": ["2027-03-26"]},
                  "csirt": {"timeZone": "America/Santiago", "hours": {"Monday": ["00:00-02:00", "08:00-18:00", "22:00-00:00"], "Tuesday": ["08:00-18:00"],
                            "Wednesday": ["08:00-18:00"], "Thursday": ["08:00-18:00"], "Friday": ["08:00-18:00"], "Saturday": ["23:00-00:00"], "Sunday": ["00:00-01:30"]},
                            "holidays": "none", "yearlyClosures": [], "closedDates": []}
                }
                """, CancellationToken.None));
            var policy = SlaPolicy.Default with
            {
                Rules = [.. SlaPolicy.Default.Rules, new SlaRule("csirt", "incident", "high", new(0.5, null), new(2.75, null), new(null, 2), null)],
            };
            Assert.Empty(await settings.SavePolicyAsync(JsonSerializer.Serialize(policy, TeamProfile.Json), CancellationToken.None));
        }

        var random = new Random(20270322);
        var numbers = new List<string>();
        for (var step = 0; step < 160; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(random.Next(0, 14 * 60)) + TimeSpan.FromTicks(random.Next(0, 10_000_000)));
            if (numbers.Count < 28 && (numbers.Count == 0 || random.Next(4) == 0))
            {
                numbers.Add(await OpenCaseAsync(random.Next(3) == 0 ? "incident" : "vulnerability", $"board {step}"));
                continue;
            }
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var ops = scope.ServiceProvider.GetRequiredService<CaseOperations>();
            var number = numbers[random.Next(numbers.Count)];
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            switch (random.Next(5))
            {
                case 0:
                    await ops.RecordReplyAsync(c, "analyst", CancellationToken.None);
                    break;
                case 1:
                    var policy = await scope.ServiceProvider.GetRequiredService<SeverityPolicyStore>().GetAsync(CancellationToken.None);
                    await ops.RescoreAsync(c, CvssVector.Parse(Vectors[random.Next(Vectors.Length)]).Vector!, new Dictionary<string, string>(), policy, null, "analyst", CancellationToken.None);
                    break;
                default:
                    await ops.ChangeStatusAsync(c, Statuses[random.Next(Statuses.Length)], "analyst", CancellationToken.None);
                    break;
            }
        }

        // Now and later: running clocks breach, paused ones stay, Santiago's clocks go back at midnight on 2027-04-04.
        foreach (var later in new[] { TimeSpan.Zero, TimeSpan.FromHours(7.5), TimeSpan.FromDays(4), TimeSpan.FromDays(45) })
        {
            var now = clock.GetUtcNow() + later;
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var board = scope.ServiceProvider.GetRequiredService<SlaBoard>();
            var settings = scope.ServiceProvider.GetRequiredService<SlaSettings>();
            string[] visible = ["csirt"];
            var someId = await db.Cases.OrderBy(c => c.Number).Select(c => c.Id).FirstAsync();
            string[] someNumbers = [numbers[0], numbers[^1], "PSIRT-0000-0000"];
            var queries = new IQueryable<Case>[]
            {
                db.Cases,
                db.Cases.Where(c => c.Status != CaseStatus.Closed),
                db.Cases.Where(c => visible.Contains(c.Team)),
                db.Cases.Where(c => c.Id == someId),
                db.Cases.Where(c => someNumbers.Contains(c.Number) && c.Status != CaseStatus.Closed),
            };
            foreach (var query in queries)
            {
                var expected = ReferenceClocks.Describe((await ReferenceClocks.BoardAsync(db, settings, query, now)).OrderBy(c => c.CaseId));
                // On SQLite the board reads parts of the list on connections of its own; inside a transaction it reads
                // everything on the request's connection. Both give the reference's clocks.
                Assert.Equal(expected, ReferenceClocks.Describe((await board.ComputeAsync(query, now, CancellationToken.None)).OrderBy(c => c.CaseId)));
                await using (await db.Database.BeginTransactionAsync())
                {
                    Assert.Equal(expected, ReferenceClocks.Describe((await board.ComputeAsync(query, now, CancellationToken.None)).OrderBy(c => c.CaseId)));
                }
            }
            var one = await board.ForCaseAsync(someId, now, CancellationToken.None);
            Assert.Equal(ReferenceClocks.Describe(await ReferenceClocks.BoardAsync(db, settings, db.Cases.Where(c => c.Id == someId), now)), ReferenceClocks.Describe(one is null ? [] : [one]));
            Assert.Null(await board.ForCaseAsync(-1, now, CancellationToken.None));
        }

        // The histories did what they should have: paused, resumed, reopened and breached clocks are all in there.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var all = await scope.ServiceProvider.GetRequiredService<SlaBoard>().ComputeAsync(db.Cases, clock.GetUtcNow(), CancellationToken.None);
            var states = all.SelectMany(c => c.Clocks).Select(k => k.State).ToHashSet();
            Assert.Superset(new HashSet<SlaState> { SlaState.Running, SlaState.Paused, SlaState.Met, SlaState.MetLate, SlaState.Breached }, states);
            Assert.True(await db.CasePauses.CountAsync(p => p.ResumedAt != null) >= 3);
            Assert.Contains(all, c => c.Status != CaseStatus.Closed && c.Clocks.Any(k => k.Kind == SlaClockKind.Remediate && k.MetAt is not null));
        }
    }

    private async Task<string> OpenCaseAsync(string kind, string title)
    {
        var (tracking, _) = await app.SubmitReportAsync(new { kind, language = "en", title, description = "d", reporter = new { email = "board@example.org" } });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.TrackingNumber == tracking);
        return (await scope.ServiceProvider.GetRequiredService<CaseOperations>().OpenCaseAsync(report, "coordinator", CancellationToken.None)).Number;
    }
}
