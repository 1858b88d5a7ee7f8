using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Staff;

public sealed class StaffConsoleTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task A_coordinator_signs_in_with_totp_and_sees_new_reports_of_their_team_only()
    {
        var (psirtReport, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("受信箱に出る脆弱性"));
        var (csirtReport, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "Inbox incident", description = "d", reporter = new { email = "x@example.org" } });
        await app.CreateStaffAsync("coord-psirt@example.com", "Coordinator", "psirt");

        var staff = await app.SignInAsync("coord-psirt@example.com");
        var inbox = await staff.GetStringAsync("/staff");

        Assert.Contains(psirtReport, inbox, StringComparison.Ordinal);
        Assert.DoesNotContain(csirtReport, inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/staff/reports/{csirtReport}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_totp_code_does_not_sign_in()
    {
        await app.CreateStaffAsync("wrong-code@example.com", "Analyst", "psirt");
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await client.PostFormAsync("/staff/login", new() { ["email"] = "wrong-code@example.com", ["password"] = SirtDeskApp.Password });

        var verify = await client.PostFormAsync("/staff/login/2fa", new() { ["code"] = "000000" });

        Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
    }

    [Theory]
    [InlineData("脆弱", false)]        // two Japanese characters: below the trigram minimum
    [InlineData("報", false)]          // one character
    [InlineData("バッファオーバーフロー", false)] // not indexed yet: found all the same
    [InlineData("バッファオーバーフロー", true)]  // through the trigram index
    [InlineData("OVERFLOW", true)]    // case-insensitive English
    public async Task Inbox_search_finds_japanese_and_english_terms_of_any_length(string term, bool indexed)
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport($"検索{Guid.NewGuid():N}", "画像処理ライブラリにバッファオーバーフロー(buffer overflow)の脆弱性を報告します。"));
        var (other, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport($"無関係{Guid.NewGuid():N}", "設定画面の表示崩れ"));
        if (indexed)
        {
            var indexer = app.Services.GetRequiredService<SirtDesk.Intake.SearchIndexer>();
            while (await indexer.IndexNextAsync(CancellationToken.None) > 0)
            {
            }
            if (!TestDatabase.IsPostgres)
            {
                var inIndex = await app.WithDbAsync(db => db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"ReportsFts\" WHERE \"ReportsFts\" MATCH '\"オーバーフロー\"'").ToListAsync());
                var id = await app.WithDbAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Id).SingleAsync());
                Assert.Contains(id, inIndex);
            }
        }
        await app.CreateStaffAsync($"search-{Guid.NewGuid():N}@example.com", "Administrator");
        var email = (await app.WithDbAsync(db => db.Users.OrderByDescending(u => u.Id).Select(u => u.Email).ToListAsync())).First(e => e!.StartsWith("search-", StringComparison.Ordinal))!;

        var staff = await app.SignInAsync(email);
        var html = await staff.GetStringAsync("/staff?q=" + Uri.EscapeDataString(term));

        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.DoesNotContain(other, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_shows_fifty_reports_a_page_and_the_next_page_shows_the_older_ones()
    {
        var tag = $"頁{Guid.NewGuid():N}";
        var numbers = new List<string>();
        for (var i = 0; i < SirtDesk.Staff.InboxModel.PageSize + 1; i++)
        {
            numbers.Add((await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport($"{tag} {i}"))).TrackingNumber);
        }
        var email = $"pages-{Guid.NewGuid():N}@example.com";
        await app.CreateStaffAsync(email, "Coordinator", "psirt");
        var staff = await app.SignInAsync(email);

        var first = await staff.GetStringAsync("/staff?q=" + Uri.EscapeDataString(tag));
        var second = await staff.GetStringAsync("/staff?q=" + Uri.EscapeDataString(tag) + "&page=2");

        // Newest first: the first page holds the 50 newest, the second the oldest one.
        Assert.All(numbers.Skip(1), n => Assert.Contains(n, first, StringComparison.Ordinal));
        Assert.DoesNotContain(numbers[0], first, StringComparison.Ordinal);
        Assert.Contains("&page=2\"", first, StringComparison.Ordinal);
        Assert.Contains(numbers[0], second, StringComparison.Ordinal);
        Assert.All(numbers.Skip(1), n => Assert.DoesNotContain(n, second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opening_a_case_numbers_it_per_team_and_year_and_records_who_did_it()
    {
        var (number, trackingUrl) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("ケース化する報告"));
        await app.CreateStaffAsync("opener@example.com", "Analyst", "psirt");
        var staff = await app.SignInAsync("opener@example.com");

        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var casePath = opened.Headers.Location!.OriginalString;
        Assert.Matches(@"^/staff/cases/PSIRT-\d{4}-\d{4}$", casePath);
        var casePage = await staff.GetStringAsync(casePath);
        Assert.Contains(number, casePage, StringComparison.Ordinal);
        Assert.Contains("opener@example.com", casePage, StringComparison.Ordinal);
        // The reporter's tracking page follows.
        var tracking = await app.Anonymous().GetStringAsync(new Uri(trackingUrl).AbsolutePath);
        Assert.Contains("対応中", tracking, StringComparison.Ordinal);

        // A second report joins the same case; assignment and status changes land in the timeline.
        var (second, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("同じ脆弱性の別報告"));
        var caseNumber = casePath["/staff/cases/".Length..];
        var joined = await staff.PostFormAsync($"/staff/reports/{second}?handler=AddToCase", new() { ["caseNumber"] = caseNumber }, formPage: $"/staff/reports/{second}");
        Assert.Equal(casePath, joined.Headers.Location!.OriginalString);
        await staff.PostFormAsync($"{casePath}?handler=AssignToMe", [], formPage: casePath);
        await staff.PostFormAsync($"{casePath}?handler=Status", new() { ["status"] = "InProgress" }, formPage: casePath);

        var timeline = await app.WithDbAsync(db => db.Timeline.Where(t => db.Cases.Any(c => c.Number == caseNumber && c.Id == t.CaseId)).OrderBy(t => t.Id).Select(t => t.Action).ToListAsync());
        Assert.Equal(["case.opened", "report.linked", "case.assigned", "case.status"], timeline);
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Number == caseNumber));
        Assert.Equal("opener@example.com", stored.AssigneeName);
        Assert.Equal(SirtDesk.Cases.CaseStatus.InProgress, stored.Status);
    }

    [Fact]
    public async Task Out_of_scope_sends_the_bilingual_template_and_spam_closes_the_report()
    {
        var (outOfScope, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "Please inspect our office network", description = "Can you come on site?", reporter = new { email = "onsite@example.org" } });
        var (spam, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "Cheap watches", description = "buy now", reporter = new { email = "spam@example.org" } });
        await app.CreateStaffAsync("csirt-coord@example.com", "Coordinator", "csirt");
        var staff = await app.SignInAsync("csirt-coord@example.com");

        await staff.PostFormAsync($"/staff/reports/{outOfScope}?handler=OutOfScope", [], formPage: $"/staff/reports/{outOfScope}");
        await staff.PostFormAsync($"/staff/reports/{spam}?handler=Spam", [], formPage: $"/staff/reports/{spam}");

        var reply = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == "onsite@example.org" && o.Kind == "report-out-of-scope"));
        Assert.Contains("導入いただいているシステムに関する現地調査", reply.Body, StringComparison.Ordinal);
        Assert.Contains("On-site investigation of systems our customers run", reply.Body, StringComparison.Ordinal);
        var statuses = await app.WithDbAsync(db => db.Reports.Where(r => r.TrackingNumber == outOfScope || r.TrackingNumber == spam).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.Equal([SirtDesk.Intake.ReportStatus.OutOfScope, SirtDesk.Intake.ReportStatus.Spam], statuses);
    }

    [Fact]
    public async Task The_chosen_out_of_scope_template_answers_in_the_reporters_language_first()
    {
        var (number, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "Our own server was hacked", description = "Please come and investigate", reporter = new { email = "scope-en@example.org" } });
        await app.CreateStaffAsync("scope-coord@example.com", "Coordinator", "csirt");
        var staff = await app.SignInAsync("scope-coord@example.com");

        var page = await staff.GetStringAsync($"/staff/reports/{number}");
        Assert.Contains("value=\"not-done-2\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"generic\"", page, StringComparison.Ordinal);
        var unknown = await staff.PostFormAsync($"/staff/reports/{number}?handler=OutOfScope", new() { ["template"] = "not-a-template" }, formPage: $"/staff/reports/{number}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        await staff.PostFormAsync($"/staff/reports/{number}?handler=OutOfScope", new() { ["template"] = "not-done-2" }, formPage: $"/staff/reports/{number}");

        var reply = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == "scope-en@example.org" && o.Kind == "report-out-of-scope"));
        Assert.StartsWith("Thank you for your report.", reply.Body, StringComparison.Ordinal);
        Assert.Contains("On-site investigation of systems our customers run", reply.Body, StringComparison.Ordinal);
        Assert.Contains("導入いただいているシステムに関する現地調査", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("outside our company", reply.Body, StringComparison.Ordinal);
        Assert.StartsWith($"[{number}] About your report", reply.Subject, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Report!.TrackingNumber == number && t.Action == "report.out-of-scope" && t.Detail == "not-done-2")));
    }

    [Fact]
    public async Task Legal_can_read_a_report_but_not_act_on_it()
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("法務が閲覧する報告"));
        await app.CreateStaffAsync("legal@example.com", "Legal", "psirt");
        var legal = await app.SignInAsync("legal@example.com");

        Assert.Equal(HttpStatusCode.OK, (await legal.GetAsync($"/staff/reports/{number}")).StatusCode);
        var attempt = await legal.PostFormAsync($"/staff/reports/{number}?handler=Spam", [], formPage: $"/staff/reports/{number}");

        Assert.Equal(HttpStatusCode.Redirect, attempt.StatusCode);
        Assert.StartsWith("/staff/denied", attempt.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(SirtDesk.Intake.ReportStatus.New, await app.WithDbAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Report_text_is_shown_verbatim_and_inert()
    {
        const string payload = "<img src=x onerror=alert(1)><script>alert('xss')</script>";
        var (number, _) = await app.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = payload, description = payload, reporter = new { email = "x@example.org" } });
        await app.CreateStaffAsync("viewer@example.com", "Administrator");
        var staff = await app.SignInAsync("viewer@example.com");

        var html = await staff.GetStringAsync($"/staff/reports/{number}");

        Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
