using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.Prevention;
using SirtDesk.Sla;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Prevention;

public sealed class PreventionApp : SirtDeskApp
{
    // Tuesday 2026-12-01 10:00 JST.
    public PreventionApp()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        Interceptors = [Commands];
    }

    /// <summary>The SQL the app sends (tests of one class run one at a time, so a test sees its own requests' SQL).</summary>
    public CommandLog Commands { get; } = new();
}

/// <summary>Records the text of every command the app executes.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();

    public IReadOnlyList<string> Texts => [.. texts];

    public void Clear() => texts.Clear();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        texts.Enqueue(command.CommandText);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        texts.Enqueue(command.CommandText);
        return ValueTask.FromResult(result);
    }
}

public sealed partial class PreventionTests(PreventionApp app) : IClassFixture<PreventionApp>
{
    private async Task<(HttpClient Client, string Email)> StaffAsync(string role, string team = "psirt")
    {
        var email = $"prev-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(email, role, team);
        return (await app.SignInAsync(email), email);
    }

    private async Task<Product> ProductAsync(string nameEn = "Kumogawa Groupware", string team = "psirt", string exposure = "on-premise")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var product = new Product
        {
            Key = "p-" + Guid.NewGuid().ToString("N")[..10],
            Kind = ProductKinds.Product,
            NameJa = "雲川 " + nameEn,
            NameEn = nameEn,
            Team = team,
            Exposure = exposure,
            Deployment = "typical",
            Versions = [new ProductVersion { Version = "5.2", ReleasedOn = new DateOnly(2026, 10, 1) }],
        };
        db.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> CreatePlanAsync(HttpClient client, Product product, string firstDate, string recurrence = "yearly", string performer = "Example Security K.K.")
    {
        var created = await client.PostFormAsync("/staff/assessments", new()
        {
            ["product"] = product.Key,
            ["kind"] = "penetration-test",
            ["recurrence"] = recurrence,
            ["firstDate"] = firstDate,
            ["performerKind"] = "vendor",
            ["performer"] = performer,
            ["scope"] = "https://app.example.com/ 全機能",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_yearly_plan_starting_in_the_year_end_closure_is_scheduled_on_the_next_business_days()
    {
        var (coordinator, _) = await StaffAsync("Coordinator");
        var product = await ProductAsync();
        var planId = await CreatePlanAsync(coordinator, product, "2026-12-29");

        var dates = await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.PlanId == planId).OrderBy(a => a.Sequence).Select(a => a.ScheduledOn).ToListAsync());
        Assert.Equal([new DateOnly(2027, 1, 4), new DateOnly(2028, 1, 4)], dates);

        var page = await coordinator.GetStringAsync($"/staff/assessments/{planId}");
        Assert.Contains("2027-01-04", page, StringComparison.Ordinal);
        Assert.Contains("ペネトレーションテスト", page, StringComparison.Ordinal);

        // An analyst works occurrences but does not stop plans; the coordinator does, and the planned ones are cancelled.
        var (analyst, _) = await StaffAsync("Analyst");
        var refused = await analyst.PostFormAsync($"/staff/assessments/{planId}?handler=Stop", [], $"/staff/assessments/{planId}");
        Assert.Contains("/staff/denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"/staff/assessments/{planId}?handler=Stop", [], $"/staff/assessments/{planId}")).StatusCode);
        Assert.Equal(["cancelled", "cancelled"], await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.PlanId == planId).OrderBy(a => a.Sequence).Select(a => a.Status).ToListAsync()));
        Assert.False(await app.WithDbAsync(db => db.Set<AssessmentPlan>().Where(p => p.Id == planId).Select(p => p.Active).SingleAsync()));

        // A quarterly plan starting on 成人の日 2027 (Mon 01-11) starts on Tue 01-12.
        var quarterly = await CreatePlanAsync(coordinator, product, "2027-01-11", "quarterly");
        Assert.Equal(new DateOnly(2027, 1, 12), await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.PlanId == quarterly && a.Sequence == 0).Select(a => a.ScheduledOn).SingleAsync()));
    }

    [Fact]
    public async Task An_analyst_works_an_assessment_its_report_is_sealed_and_a_finding_becomes_a_scored_case()
    {
        var (coordinator, _) = await StaffAsync("Coordinator");
        var (analyst, analystEmail) = await StaffAsync("Analyst");
        var product = await ProductAsync(exposure: "on-premise");
        var planId = await CreatePlanAsync(coordinator, product, "2026-12-08", "half-yearly");
        var occurrence = await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.PlanId == planId && a.Sequence == 0).Select(a => a.Id).SingleAsync());
        var planPage = $"/staff/assessments/{planId}";

        // done → planned is not a transition.
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(planPage + "?handler=Status", new() { ["occurrence"] = Id(occurrence), ["status"] = "in-progress" }, planPage)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostFormAsync(planPage + "?handler=Status", new() { ["occurrence"] = Id(occurrence), ["status"] = "planned" }, planPage)).StatusCode);

        var secret = "機密の診断結果: SQL injection in /search"u8.ToArray();
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(HttpClientForms.Token(await analyst.GetStringAsync(planPage))), "__RequestVerificationToken");
            form.Add(new StringContent(Id(occurrence)), "occurrence");
            var file = new ByteArrayContent(secret);
            file.Headers.ContentType = new("text/html");
            form.Add(file, "file", "<script>x</script>.html");
            Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync(planPage + "?handler=Report", form)).StatusCode);
        }
        var stored = await app.WithDbAsync(db => db.Set<AssessmentReport>().SingleAsync(r => r.Id == occurrence));
        Assert.Equal(-1, stored.Sealed.AsSpan().IndexOf("SQL injection"u8));
        var download = await analyst.GetAsync($"/staff/assessments/{planId}/occurrences/{occurrence}/report");
        Assert.Equal(secret, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.DoesNotContain("<script>x", await analyst.GetStringAsync(planPage), StringComparison.Ordinal);

        // Another team sees neither the plan nor the report.
        var (other, _) = await StaffAsync("Coordinator", "csirt");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(planPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/staff/assessments/{planId}/occurrences/{occurrence}/report")).StatusCode);

        var badVector = await analyst.PostFormAsync(planPage + "?handler=Finding", new() { ["occurrence"] = Id(occurrence), ["title"] = "x", ["vector"] = "CVSS:3.1/AV:X" }, planPage);
        Assert.Equal(HttpStatusCode.BadRequest, badVector.StatusCode);
        var finding = await analyst.PostFormAsync(planPage + "?handler=Finding", new()
        {
            ["occurrence"] = Id(occurrence),
            ["title"] = "検索画面の SQL インジェクション",
            ["vector"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        }, planPage);
        Assert.Equal(HttpStatusCode.Redirect, finding.StatusCode);
        var link = await app.WithDbAsync(db => db.Set<AssessmentFinding>().SingleAsync(f => f.AssessmentId == occurrence));
        var @case = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Id == link.CaseId));
        Assert.Equal(("psirt", "検索画面の SQL インジェクション", 98), (@case.Team, @case.Title, @case.CvssScoreTenths));
        // Critical 9.8 moved one level down by the product's exposure (on-premise only) → High.
        Assert.Equal(SirtDesk.Triage.InternalSeverity.High, @case.Severity);
        Assert.Contains("\"exposure\":\"on-premise\"", @case.SeverityFactors, StringComparison.Ordinal);
        var actions = await app.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == @case.Id).OrderBy(t => t.Id).Select(t => new { t.Action, t.Detail, t.Actor }).ToListAsync());
        Assert.Equal(["case.opened", "case.rescored"], actions.Select(a => a.Action));
        Assert.Contains(product.Key, actions[0].Detail, StringComparison.Ordinal);
        Assert.Equal(analystEmail, actions[0].Actor);
    }

    private async Task UploadReportAsync(HttpClient client, string planPage, long occurrence, byte[] content, string name)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HttpClientForms.Token(await client.GetStringAsync(planPage))), "__RequestVerificationToken");
        form.Add(new StringContent(Id(occurrence)), "occurrence");
        form.Add(new ByteArrayContent(content), "file", name);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(planPage + "?handler=Report", form)).StatusCode);
    }

    [Fact]
    public async Task Plan_pages_never_read_the_sealed_report_bytes_only_the_download_does_and_a_new_report_replaces_the_old()
    {
        var (coordinator, _) = await StaffAsync("Coordinator");
        var product = await ProductAsync();
        var planId = await CreatePlanAsync(coordinator, product, "2026-12-08", "quarterly");
        var occurrences = await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.PlanId == planId).OrderBy(a => a.Sequence).Select(a => a.Id).ToListAsync());
        var planPage = $"/staff/assessments/{planId}";
        var first = new byte[300_000];
        Random.Shared.NextBytes(first);
        var second = "second report"u8.ToArray();
        await UploadReportAsync(coordinator, planPage, occurrences[0], first, "one.pdf");
        await UploadReportAsync(coordinator, planPage, occurrences[1], first, "two.pdf");
        await UploadReportAsync(coordinator, planPage, occurrences[0], second, "one-v2.pdf");

        app.Commands.Clear();
        var page = await coordinator.GetStringAsync(planPage);
        Assert.Contains("one-v2.pdf", page, StringComparison.Ordinal);
        Assert.Contains("two.pdf", page, StringComparison.Ordinal);
        Assert.Contains("/staff/assessments/", await coordinator.GetStringAsync("/staff/assessments"), StringComparison.Ordinal);
        Assert.NotEmpty(app.Commands.Texts);
        Assert.DoesNotContain(app.Commands.Texts, t => t.Contains("ReportSealed", StringComparison.Ordinal));

        Assert.Equal(second, await coordinator.GetByteArrayAsync($"/staff/assessments/{planId}/occurrences/{occurrences[0]}/report"));
        Assert.Contains(app.Commands.Texts, t => t.Contains("ReportSealed", StringComparison.Ordinal));
        Assert.Equal(first, await coordinator.GetByteArrayAsync($"/staff/assessments/{planId}/occurrences/{occurrences[1]}/report"));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/staff/assessments/{planId}/occurrences/{occurrences[2]}/report")).StatusCode);
    }

    [Fact]
    public async Task A_verification_plan_review_copies_the_template_and_only_its_reviewer_signs_off_once_everything_is_answered()
    {
        var (admin, _) = await StaffAsync("Administrator");
        var saved = await admin.PostFormAsync("/staff/review-templates", new()
        {
            ["kind"] = "verification-plan",
            ["ja"] = "脅威分析が反映されている",
            ["en"] = "Threat analysis is reflected",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var half = await admin.PostAsync("/staff/review-templates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpClientForms.Token(await admin.GetStringAsync("/staff/review-templates")),
            ["kind"] = "verification-plan",
            ["ja"] = "日本語だけ",
            ["en"] = "",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, half.StatusCode);

        var (coordinator, _) = await StaffAsync("Coordinator");
        var reviewerEmail = $"reviewer-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(reviewerEmail, "Analyst", "psirt");
        var reviewerId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == reviewerEmail).Select(u => u.Id).SingleAsync());
        var product = await ProductAsync();
        var versionId = product.Versions[0].Id;
        var created = await coordinator.PostFormAsync("/staff/reviews", new()
        {
            ["kind"] = "verification-plan",
            ["team"] = "psirt",
            ["productVersion"] = Id(versionId),
            ["title"] = "",
            ["reviewer"] = reviewerId,
            ["dueOn"] = "2026-12-10",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var reviewUrl = created.Headers.Location!.OriginalString;
        var review = await app.WithDbAsync(db => db.Set<PlanReview>().Include(r => r.Items).SingleAsync(r => r.ProductVersionId == versionId));
        Assert.Equal("Kumogawa Groupware 5.2", review.Title);
        var item = Assert.Single(review.Items);
        Assert.Equal(("脅威分析が反映されている", "Threat analysis is reflected"), (item.TextJa, item.TextEn));

        // Later template edits leave the review's copy alone.
        await admin.PostFormAsync("/staff/review-templates", new() { ["kind"] = "verification-plan", ["ja"] = "別の項目", ["en"] = "Another item" });

        var reviewer = await app.SignInAsync(reviewerEmail);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostFormAsync(reviewUrl + "?handler=SignOff", [], reviewUrl)).StatusCode);
        var badLink = await reviewer.PostFormAsync(reviewUrl + "?handler=Answer", new() { ["item"] = Id(item.Id), ["answer"] = "yes", ["evidence"] = "", ["link"] = "javascript:alert(1)" }, reviewUrl);
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(reviewUrl + "?handler=Answer", new()
        {
            ["item"] = Id(item.Id),
            ["answer"] = "yes",
            ["evidence"] = "脅威分析書 v3 の 4 章",
            ["link"] = "https://wiki.example.com/threat-model",
        }, reviewUrl)).StatusCode);

        // The coordinator may answer and add actions, but not sign off for the reviewer.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostFormAsync(reviewUrl + "?handler=SignOff", [], reviewUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(reviewUrl + "?handler=Action", new() { ["text"] = "ファジングを追加する" }, reviewUrl)).StatusCode);
        var actionId = await app.WithDbAsync(db => db.Set<PlanReviewAction>().Where(a => a.ReviewId == review.Id).Select(a => a.Id).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(reviewUrl + "?handler=SignOff", [], reviewUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(reviewUrl + "?handler=Done", new() { ["actionId"] = Id(actionId) }, reviewUrl)).StatusCode);

        var after = await app.WithDbAsync(db => db.Set<PlanReview>().Include(r => r.Items).Include(r => r.Actions).SingleAsync(r => r.Id == review.Id));
        Assert.Equal(reviewerEmail, after.SignedOffBy);
        Assert.Equal(app.Clock!.GetUtcNow(), after.SignedOffAt);
        Assert.Equal("脅威分析が反映されている", Assert.Single(after.Items).TextJa);
        Assert.True(Assert.Single(after.Actions).Done);
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(reviewUrl));
        Assert.Contains($"{reviewerEmail} が 2026-12-01 10:00 JST に承認", page, StringComparison.Ordinal);
        // Signed off: answers are closed.
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostFormAsync(reviewUrl + "?handler=Answer", new() { ["item"] = Id(item.Id), ["answer"] = "no" }, reviewUrl)).StatusCode);
    }

    [Fact]
    public async Task An_overdue_review_goes_out_in_the_hourly_sla_digest_once()
    {
        var coordinatorEmail = $"overdue-coord-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(coordinatorEmail, "Coordinator", "csirt");
        var reviewerEmail = $"overdue-reviewer-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(reviewerEmail, "Analyst", "csirt");
        var coordinator = await app.SignInAsync(coordinatorEmail);
        var reviewerId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == reviewerEmail).Select(u => u.Id).SingleAsync());
        var today = DateOnly.FromDateTime(app.Clock!.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).DateTime);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync("/staff/reviews", new()
        {
            ["kind"] = "incident-response-plan",
            ["team"] = "csirt",
            ["productVersion"] = "",
            ["title"] = "CSIRT 対応計画 2027",
            ["reviewer"] = reviewerId,
            ["dueOn"] = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        })).StatusCode);

        async Task<List<SirtDesk.Intake.OutboxMessage>> DigestsAsync(string to) =>
            await app.WithDbAsync(db => db.Outbox.Where(o => o.Kind == "sla-digest" && o.Recipient == to).ToListAsync());
        async Task RunMonitorAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlaMonitor>().RunOnceAsync(CancellationToken.None);
        }

        await RunMonitorAsync();
        Assert.Empty(await DigestsAsync(reviewerEmail));        // due tomorrow: not overdue yet

        app.Clock.Advance(TimeSpan.FromDays(2));
        await RunMonitorAsync();
        var mail = Assert.Single(await DigestsAsync(reviewerEmail));
        Assert.Contains("期限超過 / OVERDUE", mail.Body, StringComparison.Ordinal);
        Assert.Contains("CSIRT 対応計画 2027", mail.Body, StringComparison.Ordinal);
        Assert.Single(await DigestsAsync(coordinatorEmail));

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunMonitorAsync();
        Assert.Single(await DigestsAsync(reviewerEmail));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunMonitorAsync();
        Assert.Single(await DigestsAsync(reviewerEmail));       // raised once per review and person
    }

    [Fact]
    public async Task The_calendar_feed_parses_with_ical_net_keeps_hostile_names_intact_and_needs_the_current_token()
    {
        var (coordinator, _) = await StaffAsync("Coordinator");
        var hostile = "Evil, Inc.; \\ <b>\nnew line: 脆弱性診断";
        var product = await ProductAsync(nameEn: "Hostile product");
        var planId = await CreatePlanAsync(coordinator, product, "2026-12-29", performer: hostile);
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("カレンダー; 用, の報告"));
        string caseNumber;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            caseNumber = (await scope.ServiceProvider.GetRequiredService<CaseOperations>().OpenCaseAsync(await db.Reports.SingleAsync(r => r.TrackingNumber == number), "t", CancellationToken.None)).Number;
        }
        var otherTeam = await ProductAsync(nameEn: "Not yours", team: "csirt");
        var (csirt, _) = await StaffAsync("Coordinator", "csirt");
        await CreatePlanAsync(csirt, otherTeam, "2027-01-05");

        var account = await coordinator.PostFormAsync("/staff/account?handler=CalendarToken", [], "/staff/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var url = WebUtility.HtmlDecode(FeedUrl().Match(await account.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.StartsWith("http://localhost/staff/calendar.ics?token=", url, StringComparison.Ordinal);

        var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(url + "&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(text.Split("\r\n").Where(l => l.Length > 0), l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75, l));

        var calendar = Ical.Net.Calendar.Load(text)!;
        var hostileEvents = calendar.Events.Where(e => e.Uid!.StartsWith("assessment-", StringComparison.Ordinal) && e.Summary!.Contains("Hostile product", StringComparison.Ordinal)).OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.Equal(2, hostileEvents.Count);   // 2027-01-04 and 2028-01-04, both within the feed's 400 days
        var assessment = hostileEvents[0];
        Assert.Equal($"Penetration test: Hostile product ({hostile})", assessment.Summary);
        Assert.Equal(new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc), assessment.DtStart!.AsUtc);   // 09:00 JST on the first business day
        Assert.Equal(new DateTime(2027, 1, 4, 8, 0, 0, DateTimeKind.Utc), assessment.DtEnd!.AsUtc);
        Assert.NotNull(assessment.DtStamp);
        Assert.Contains(calendar.Events, e => e.Summary == $"SLA Acknowledge due: {caseNumber} カレンダー; 用, の報告" && e.Uid!.StartsWith("sla-", StringComparison.Ordinal));
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.Contains("Not yours", StringComparison.Ordinal));
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());

        // The page shows the same month.
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/staff/calendar?month=2027-01"));
        Assert.Contains("2027-01-04", page, StringComparison.Ordinal);
        Assert.Contains($"/staff/assessments/{planId}", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/staff/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url[..^2] + (url[^2..] == "AA" ? "AB" : "AA"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/staff/calendar.ics?token=1.wrong")).StatusCode);

        // Rotating the token ends the old address.
        var rotated = await coordinator.PostFormAsync("/staff/account?handler=CalendarToken", [], "/staff/account");
        var newUrl = WebUtility.HtmlDecode(FeedUrl().Match(await rotated.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEqual(url, newUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(newUrl)).StatusCode);
    }

    [Fact]
    public void Text_values_are_escaped_as_rfc_5545_says()
    {
        Assert.Equal(@"a\,b\;c\\d\ne\nf", ICalendar.Escape("a,b;c\\d\ne\r\nf"));
        var text = ICalendar.Write([new CalendarEntry("x-1", "sla", new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero), null, new(new string('脆', 40), "en"), "psirt", "/staff")],
            "ja", "example.com", "https://example.com", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), "cal");
        // 40 three-octet characters after "SUMMARY:" fold into lines of at most 75 octets, never inside a character.
        var lines = text.Split("\r\n");
        var start = Array.FindIndex(lines, l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        Assert.StartsWith(" ", lines[start + 1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.Equal("SUMMARY:" + new string('脆', 40), lines[start] + lines[start + 1][1..]);
    }

    [GeneratedRegex("id=\"calendar-feed-url\">([^<]+)<")]
    private static partial Regex FeedUrl();
}
