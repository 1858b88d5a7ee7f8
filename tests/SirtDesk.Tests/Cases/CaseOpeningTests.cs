using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cases;

public sealed class CaseOpeningTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task A_case_from_a_report_and_an_internal_case_start_alike_in_one_number_sequence()
    {
        var (tracking, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("報告から開く案件"));
        Case fromReport, internalCase;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var ops = scope.ServiceProvider.GetRequiredService<CaseOperations>();
            var report = await db.Reports.SingleAsync(r => r.TrackingNumber == tracking);
            fromReport = await ops.OpenCaseAsync(report, "coordinator@example.com", CancellationToken.None);
            internalCase = await ops.OpenInternalCaseAsync(report.Team, "自社評価で見つけた案件", "assessment 7", "coordinator@example.com", CancellationToken.None);
        }

        // One sequence per team and year, whichever way the case was opened.
        var prefix = fromReport.Number[..fromReport.Number.LastIndexOf('-')];
        var seq = int.Parse(fromReport.Number[(prefix.Length + 1)..], CultureInfo.InvariantCulture);
        Assert.Equal($"{prefix}-{seq + 1:D4}", internalCase.Number);
        var (cases, report2, timeline) = await app.WithDbAsync(async db => (
            await db.Cases.Where(c => c.Id == fromReport.Id || c.Id == internalCase.Id).OrderBy(c => c.Id).ToListAsync(),
            await db.Reports.SingleAsync(r => r.TrackingNumber == tracking),
            await db.Timeline.Where(t => t.CaseId == fromReport.Id || t.CaseId == internalCase.Id).OrderBy(t => t.Id).ToListAsync()));
        Assert.All(cases, c =>
        {
            Assert.Equal(CaseStatus.Open, c.Status);
            Assert.Equal("psirt", c.Team);
            Assert.Equal("vulnerability", c.Kind);
        });
        // On purpose different: a report's case runs its clocks from the receipt, an internal one from its opening.
        Assert.Equal(report2.ReceivedAt, cases[0].ClockStartedAt);
        Assert.Equal(cases[1].OpenedAt, cases[1].ClockStartedAt);
        Assert.Equal(ReportStatus.Accepted, report2.Status);
        Assert.Equal(cases[0].Id, report2.CaseId);
        // Both timelines start with case.opened by the actor, naming where the case came from.
        Assert.Equal([("case.opened", fromReport.Id, tracking), ("case.opened", internalCase.Id, "assessment 7")],
            timeline.Select(t => (t.Action, t.CaseId!.Value, t.Detail!)));
        Assert.All(timeline, t => Assert.Equal("coordinator@example.com", t.Actor));
        Assert.Equal(report2.Id, timeline[0].ReportId);
        Assert.Null(timeline[1].ReportId);
    }
}
