using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

public sealed class OutboxRetryTests(MailClockApp app) : IClassFixture<MailClockApp>
{
    [Fact]
    public async Task While_the_smtp_server_is_down_the_message_backs_off_and_is_delivered_once_when_it_returns()
    {
        var clock = app.Clock!;
        const string reporter = "retry@example.net";
        await app.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = "Retry", description = "d", reporter = new { email = reporter } });
        var start = clock.GetUtcNow();

        Assert.Equal(1, await app.DeliverOutboxAsync());                 // connection refused
        var first = Assert.Single(await app.OutboxToAsync(reporter));
        Assert.Equal(1, first.Attempts);
        Assert.Null(first.SentAt);
        Assert.Contains("Cannot reach the SMTP server", first.LastError, StringComparison.Ordinal);
        Assert.Equal(start + TimeSpan.FromMinutes(1), first.NextAttemptAt);
        Assert.NotNull(first.MessageId);                                  // fixed before the first attempt

        Assert.Equal(0, await app.DeliverOutboxAsync());                 // not due yet
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.DeliverOutboxAsync());                 // second failure: wait two minutes now
        var second = Assert.Single(await app.OutboxToAsync(reporter));
        Assert.Equal(2, second.Attempts);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), second.NextAttemptAt);

        // Meanwhile the report becomes a case: the acknowledgement, when it goes out, is listed on the case too.
        var caseId = await OpenCaseAsync(first.ReportId!.Value);
        app.Smtp.Start();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await app.DeliverOutboxAsync());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.DeliverOutboxAsync());
        clock.Advance(OutboxDelivery.Lease + TimeSpan.FromMinutes(1));          // (small steps: a fake clock fires every 1 s timer of the app)
        Assert.Equal(0, await app.DeliverOutboxAsync());                        // sent is sent, even once the claim has lapsed

        var delivered = Assert.Single(app.Smtp.To(reporter));
        var row = Assert.Single(await app.OutboxToAsync(reporter));
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.NextAttemptAt);
        Assert.Null(row.LastError);
        Assert.Equal(first.MessageId, delivered.Message.MessageId);
        var sent = await app.WithDbAsync(db => db.Timeline.SingleAsync(t => t.ReportId == row.ReportId && t.Action == "mail.sent"));
        Assert.Equal(caseId, sent.CaseId);
    }

    private async Task<long> OpenCaseAsync(long reportId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.Id == reportId);
        return (await scope.ServiceProvider.GetRequiredService<SirtDesk.Cases.CaseOperations>().OpenCaseAsync(report, "coordinator@example.com", CancellationToken.None)).Id;
    }

    [Fact]
    public void The_backoff_starts_at_a_minute_doubles_and_stops_at_an_hour()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], Enumerable.Range(1, 9).Select(n => (int)OutboxDelivery.Backoff(n).TotalMinutes));
    }
}

public sealed class OutboxGiveUpTests(MailGiveUpApp app) : IClassFixture<MailGiveUpApp>
{
    [Fact]
    public async Task After_the_last_allowed_attempt_the_message_is_given_up_with_its_reason_on_the_report_timeline()
    {
        const string reporter = "give-up@example.net";
        await app.SubmitReportAsync(new { kind = "vulnerability", language = "ja", title = "諦める", description = "d", reporter = new { email = reporter } });

        await app.DeliverOutboxAsync();
        app.Clock!.Advance(TimeSpan.FromMinutes(1));
        await app.DeliverOutboxAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await app.DeliverOutboxAsync());

        var row = Assert.Single(await app.OutboxToAsync(reporter));
        Assert.Equal(2, row.Attempts);
        Assert.NotNull(row.GivenUpAt);
        Assert.Null(row.NextAttemptAt);
        Assert.StartsWith("Gave up after 2 attempts: Cannot reach the SMTP server", row.LastError, StringComparison.Ordinal);
        var entry = await app.WithDbAsync(db => db.Timeline.SingleAsync(t => t.ReportId == row.ReportId && t.Action == "mail.failed"));
        Assert.Contains(reporter, entry.Detail, StringComparison.Ordinal);
    }
}
