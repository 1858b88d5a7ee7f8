using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Sla;

public sealed class FakeClockApp : SirtDeskApp
{
    // Tuesday 2026-12-01 10:00 JST.
    public FakeClockApp() => Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
}

/// <summary>Each test class gets its own app and clock (Tuesday 10:00 JST), so tests do not move each other's time.</summary>
public abstract class SlaMonitorTestBase(FakeClockApp app)
{
    protected FakeClockApp App => app;

    protected async Task<string> OpenCaseAsync(string title)
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport(title));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.TrackingNumber == number);
        return (await scope.ServiceProvider.GetRequiredService<CaseOperations>().OpenCaseAsync(report, "coordinator@example.com", CancellationToken.None)).Number;
    }

    protected async Task SetStatusAsync(string number, CaseStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var c = await scope.ServiceProvider.GetRequiredService<SirtDb>().Cases.SingleAsync(x => x.Number == number);
        await scope.ServiceProvider.GetRequiredService<CaseOperations>().ChangeStatusAsync(c, status, "coordinator@example.com", CancellationToken.None);
    }

    protected async Task RunMonitorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SlaMonitor>().RunOnceAsync(CancellationToken.None);
    }

    protected Task<List<SirtDesk.Intake.OutboxMessage>> DigestsAsync(string recipient) =>
        app.WithDbAsync(db => db.Outbox.Where(o => o.Kind == "sla-digest" && o.Recipient == recipient).OrderBy(o => o.Id).ToListAsync());
}

public sealed class SlaBreachTests(FakeClockApp app) : SlaMonitorTestBase(app), IClassFixture<FakeClockApp>
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private Task<List<SirtDesk.Intake.OutboxMessage>> DigestsAsync() => DigestsAsync("sla-coordinator@example.com");

    [Fact]
    public async Task A_case_paused_and_resumed_breaches_at_the_shifted_due_time_and_people_get_hourly_digests_not_one_mail_per_case()
    {
        await App.CreateStaffAsync("sla-coordinator@example.com", "Coordinator", "psirt");
        var first = await OpenCaseAsync("SLA を追う報告");                    // Tue 10:00: acknowledge within 8 business hours

        App.Clock!.Advance(TimeSpan.FromHours(3));                             // Tue 13:00, 3 h used
        await SetStatusAsync(first, CaseStatus.WaitingOnReporter);             // the clock stops
        App.Clock.Advance(TimeSpan.FromDays(2));                               // Thu 13:00, nothing accrued
        await SetStatusAsync(first, CaseStatus.InProgress);                    // 5 h left → due Fri 10:00

        App.Clock.Advance(TimeSpan.FromHours(3.5));                            // Thu 16:30: 6.5 of 8 h = 81 % ≥ 75 %
        await RunMonitorAsync();
        var digests = await DigestsAsync();
        Assert.Single(digests);
        Assert.Contains($"{first}  Acknowledge  警告 / warning  2026-12-04 10:00 JST", digests[0].Body, StringComparison.Ordinal);

        App.Clock.Advance(TimeSpan.FromHours(18));                             // Fri 10:30: breached since 10:00
        await RunMonitorAsync();
        digests = await DigestsAsync();
        Assert.Equal(2, digests.Count);
        Assert.Contains($"{first}  Acknowledge  超過 / BREACHED", digests[1].Body, StringComparison.Ordinal);

        var second = await OpenCaseAsync("一時間以内の別件");                  // Fri 10:30
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseOperations>().RecordReplyAsync(
                await scope.ServiceProvider.GetRequiredService<SirtDb>().Cases.SingleAsync(c => c.Number == second), "coordinator@example.com", CancellationToken.None);
        }
        App.Clock.Advance(TimeSpan.FromHours(6.5) - TimeSpan.FromMinutes(30)); // Fri 16:30: triage 6 of 40 h, nothing new
        await RunMonitorAsync();
        Assert.Equal(2, (await DigestsAsync()).Count);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var board = scope.ServiceProvider.GetRequiredService<SlaBoard>();
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var clocks = (await board.ComputeAsync(db.Cases.Where(c => c.Number == first), App.Clock.GetUtcNow(), CancellationToken.None)).Single().Clocks;
            var ack = clocks.Single(c => c.Kind == SlaClockKind.Acknowledge);
            Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 0, 0, Jst), ack.Due);
            Assert.Equal(SlaState.Breached, ack.State);
            var secondAck = (await board.ComputeAsync(db.Cases.Where(c => c.Number == second), App.Clock.GetUtcNow(), CancellationToken.None)).Single().Clocks.Single(c => c.Kind == SlaClockKind.Acknowledge);
            Assert.Equal(SlaState.Met, secondAck.State);
        }
    }

}

public sealed class SlaDigestTests(FakeClockApp app) : SlaMonitorTestBase(app), IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task Warnings_raised_within_an_hour_of_the_last_digest_wait_and_go_out_together()
    {
        await App.CreateStaffAsync("hourly@example.com", "Coordinator", "csirt");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var ops = scope.ServiceProvider.GetRequiredService<CaseOperations>();
        async Task<string> Incident(string title)
        {
            var (n, _) = await App.SubmitReportAsync(new { kind = "incident", language = "en", title, description = "d", reporter = new { email = "x@example.org" } });
            return (await ops.OpenCaseAsync(await db.Reports.SingleAsync(r => r.TrackingNumber == n), "t", CancellationToken.None)).Number;
        }
        var a = await Incident("hourly A");                                     // incident: acknowledge within 4 business hours
        App.Clock!.Advance(TimeSpan.FromMinutes(20));
        var b = await Incident("hourly B");
        // Tue 13:01: A has used 3 h 01 of 4 h (warning), B 2 h 41 (not yet).
        App.Clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(20) + TimeSpan.FromMinutes(1));
        await RunMonitorAsync();
        // Tue 13:21: B warns too, but the last digest went out 20 minutes ago.
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        await RunMonitorAsync();
        var mails = await DigestsAsync("hourly@example.com");
        Assert.Single(mails);
        Assert.Contains(a, mails[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain(b, mails[0].Body, StringComparison.Ordinal);

        App.Clock.Advance(TimeSpan.FromHours(1));
        await RunMonitorAsync();
        mails = await DigestsAsync("hourly@example.com");
        Assert.Equal(2, mails.Count);
        // By 14:21 A is past its 14:00 due time: the same digest carries A's breach, and A's old warning is not repeated.
        Assert.Contains($"{a}  Acknowledge  超過 / BREACHED", mails[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"{a}  Acknowledge  警告", mails[1].Body, StringComparison.Ordinal);
        Assert.Contains(b, mails[1].Body, StringComparison.Ordinal);
    }
}
