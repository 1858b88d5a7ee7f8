using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Disclosure;
using SirtDesk.Tests.Infrastructure;
using SirtDesk.Tests.Sla;

namespace SirtDesk.Tests.Disclosure;

public sealed class DisclosureTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private async Task<(HttpClient Staff, HttpClient Api)> CoordinatorAsync(string email, string team = "psirt")
    {
        await app.CreateStaffAsync(email, "Coordinator", team);
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(email));
        return (await app.SignInAsync(email), api);
    }

    private async Task<string> OpenCaseAsync(HttpClient api, string title)
    {
        var (report, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport(title));
        var created = await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = report });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    private static Task<HttpResponseMessage> SetEmbargoAsync(HttpClient staff, string number, string local, string reason, string zone = "Asia/Tokyo", string extraZones = "Europe/Berlin America/New_York") =>
        staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Embargo",
            new() { ["local"] = local, ["zone"] = zone, ["extraZones"] = extraZones, ["reason"] = reason }, $"/staff/cases/{number}");

    private static Dictionary<string, string> Zones(JsonElement c) =>
        c.GetProperty("embargo").GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("zone").GetString()!, z => z.GetProperty("local").GetString()!);

    [Fact]
    public async Task The_embargo_is_shown_in_each_participants_own_zone_from_the_directory()
    {
        var (staff, api) = await CoordinatorAsync("embargo-participants@example.com");
        var number = await OpenCaseAsync(api, "参加者のタイムゾーン");
        async Task<long> ContactAsync(string org, string name, string email, string zone)
        {
            var o = await api.PostAsJsonAsync("/api/v1/organizations", new { name = org, kind = "vendor" });
            var orgId = (await o.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var c = await api.PostAsJsonAsync($"/api/v1/organizations/{orgId}/contacts", new { name, email, language = "en", timeZone = zone });
            Assert.Equal(HttpStatusCode.Created, c.StatusCode);
            return (await c.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        var berlin = await ContactAsync("Beispiel GmbH " + Guid.NewGuid().ToString("N")[..6], "PSIRT Berlin", $"psirt-{Guid.NewGuid():N}@beispiel.example", "Europe/Berlin");
        var seattle = await ContactAsync("Example Corp " + Guid.NewGuid().ToString("N")[..6], "Product Security", $"sec-{Guid.NewGuid():N}@corp.example", "America/Los_Angeles");
        foreach (var contactId in new[] { berlin, seattle })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/cases/{number}/participants", new { contactId, role = "vendor" })).StatusCode);
        }

        // No extra zones typed: the participants' zones come from their directory entries.
        Assert.Equal(HttpStatusCode.Redirect, (await SetEmbargoAsync(staff, number, "2027-06-01T09:00", "全ベンダーと合意", extraZones: "")).StatusCode);
        var zones = Zones(await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}"));
        Assert.Equal("2027-06-01T09:00:00+09:00", zones["Asia/Tokyo"]);
        Assert.Equal("2027-06-01T02:00:00+02:00", zones["Europe/Berlin"]);
        Assert.Equal("2027-05-31T17:00:00-07:00", zones["America/Los_Angeles"]);
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/staff/cases/{number}"));
        Assert.Contains("2027-06-01 02:00 (UTC+02:00) Europe/Berlin — Beispiel GmbH", page, StringComparison.Ordinal);
        Assert.Contains("(PSIRT Berlin)", page, StringComparison.Ordinal);
        Assert.Contains("2027-05-31 17:00 (UTC-07:00) America/Los_Angeles — Example Corp", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embargo_is_shown_in_Tokyo_Berlin_and_New_York_time_across_the_daylight_saving_change_and_drives_the_disclosure_clock()
    {
        var (staff, api) = await CoordinatorAsync("embargo-zones@example.com");
        var number = await OpenCaseAsync(api, "エンバーゴのタイムゾーン");

        // 26 March 2027: Berlin still on CET (+01:00), New York already on EDT (−04:00).
        Assert.Equal(HttpStatusCode.Redirect, (await SetEmbargoAsync(staff, number, "2027-03-26T17:00", "JPCERT/CC と合意")).StatusCode);
        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero), c.GetProperty("embargo").GetProperty("at").GetDateTimeOffset());
        var zones = Zones(c);
        Assert.Equal("2027-03-26T17:00:00+09:00", zones["Asia/Tokyo"]);
        Assert.Equal("2027-03-26T09:00:00+01:00", zones["Europe/Berlin"]);
        Assert.Equal("2027-03-26T04:00:00-04:00", zones["America/New_York"]);

        // Moved a week, past the European change: Berlin on CEST (+02:00); given in Berlin time this time.
        Assert.Equal(HttpStatusCode.Redirect, (await SetEmbargoAsync(staff, number, "2027-04-02T10:00", "ベンダーの修正版が遅れるため", "Europe/Berlin")).StatusCode);
        c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        zones = Zones(c);
        Assert.Equal("2027-04-02T17:00:00+09:00", zones["Asia/Tokyo"]);
        Assert.Equal("2027-04-02T10:00:00+02:00", zones["Europe/Berlin"]);
        Assert.Equal("2027-04-02T04:00:00-04:00", zones["America/New_York"]);

        // The disclosure due time is the embargo, on the case JSON and on its SLA clock.
        var embargo = new DateTimeOffset(2027, 4, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal("embargo", c.GetProperty("disclosureDue").GetProperty("source").GetString());
        Assert.Equal(embargo, c.GetProperty("disclosureDue").GetProperty("at").GetDateTimeOffset());
        var disclose = c.GetProperty("sla").EnumerateArray().Single(k => k.GetProperty("clock").GetString() == "disclose");
        Assert.Equal(embargo, disclose.GetProperty("due").GetDateTimeOffset());

        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/staff/cases/{number}"));
        Assert.Contains("2027-04-02 17:00 (UTC+09:00)", page, StringComparison.Ordinal);
        Assert.Contains("2027-04-02 10:00 (UTC+02:00)", page, StringComparison.Ordinal);
        Assert.Contains("2027-04-02 04:00 (UTC-04:00)", page, StringComparison.Ordinal);
        Assert.Contains("2027-04-02 17:00 JST", page, StringComparison.Ordinal); // the SLA table's disclose due
        var log = await app.WithDbAsync(db => db.Timeline.Where(t => t.Action == "case.embargo" && db.Cases.Any(x => x.Id == t.CaseId && x.Number == number)).OrderBy(t => t.Id).Select(t => t.Detail).ToListAsync());
        Assert.Equal(["- → 2027-03-26 17:00 JST — JPCERT/CC と合意", "2027-03-26 17:00 JST → 2027-04-02 17:00 JST — ベンダーの修正版が遅れるため"], log);
    }

    [Fact]
    public async Task An_embargo_change_without_a_reason_is_refused_and_nothing_is_recorded()
    {
        var (staff, api) = await CoordinatorAsync("embargo-reason@example.com");
        var number = await OpenCaseAsync(api, "理由のない変更");

        var refused = await SetEmbargoAsync(staff, number, "2027-05-01T09:00", "  ");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("変更の理由を入力してください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(JsonValueKind.Null, c.GetProperty("embargo").ValueKind);
        Assert.False(await app.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Action == "case.embargo" && db.Cases.Any(x => x.Id == t.CaseId && x.Number == number))));

        // Removing an embargo that was never set changes nothing and records nothing.
        var clear = await staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Embargo", new() { ["clear"] = "true", ["reason"] = "不要" }, $"/staff/cases/{number}");
        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Action == "case.embargo" && db.Cases.Any(x => x.Id == t.CaseId && x.Number == number))));

        // A time skipped by a daylight saving change is refused too.
        Assert.Equal(HttpStatusCode.BadRequest, (await SetEmbargoAsync(staff, number, "2027-03-28T02:30", "理由", "Europe/Berlin")).StatusCode);
    }

    [Fact]
    public async Task The_team_default_deadline_sets_the_disclosure_due_date_on_the_json_the_case_page_and_the_case_list()
    {
        await app.CreateStaffAsync("disclosure-admin@example.com", "Administrator");
        var admin = await app.SignInAsync("disclosure-admin@example.com");
        var saved = await admin.PostFormAsync("/staff/disclosure-settings", new() { ["json"] = """{"deadlineDays":{"psirt":45},"reminderDays":[7,1]}""" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("id=\"disclosure-saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFormAsync("/staff/disclosure-settings", new() { ["json"] = """{"deadlineDays":{"psirt":0},"reminderDays":[7]}""" })).StatusCode);

        var (staff, api) = await CoordinatorAsync("disclosure-default@example.com");
        var number = await OpenCaseAsync(api, "既定の公表期限");
        var started = await app.WithDbAsync(db => db.Cases.Where(x => x.Number == number).Select(x => x.ClockStartedAt).SingleAsync());
        var due = started.AddDays(45);

        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal("team-default", c.GetProperty("disclosureDue").GetProperty("source").GetString());
        Assert.Equal(due, c.GetProperty("disclosureDue").GetProperty("at").GetDateTimeOffset());
        var disclose = c.GetProperty("sla").EnumerateArray().Single(k => k.GetProperty("clock").GetString() == "disclose");
        Assert.Equal(due, disclose.GetProperty("due").GetDateTimeOffset());
        var listed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases")).EnumerateArray().Single(x => x.GetProperty("number").GetString() == number);
        Assert.Equal(due, listed.GetProperty("sla").EnumerateArray().Single(k => k.GetProperty("clock").GetString() == "disclose").GetProperty("due").GetDateTimeOffset());

        var jst = SirtDesk.Staff.ViewerZone.Format(due, null);
        Assert.Contains(jst, await staff.GetStringAsync($"/staff/cases/{number}"), StringComparison.Ordinal);

        // Without a team default the SLA policy's disclose target applies again.
        await admin.PostFormAsync("/staff/disclosure-settings", new() { ["json"] = """{"deadlineDays":{},"reminderDays":[7,1]}""" });
        c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(JsonValueKind.Null, c.GetProperty("disclosureDue").ValueKind);
    }

    [Fact]
    public async Task Post_cases_opens_an_amber_case_from_a_report_and_refuses_unknown_foreign_and_taken_reports()
    {
        var (_, api) = await CoordinatorAsync("api-cases@example.com");
        var (report, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("API から案件化"));

        var created = await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = report });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var number = body.GetProperty("number").GetString()!;
        Assert.Matches(@"^PSIRT-\d{4}-\d{4}$", number);
        Assert.Equal($"/api/v1/cases/{number}", created.Headers.Location!.OriginalString);
        Assert.Equal("AMBER", body.GetProperty("tlp").GetString());
        Assert.Equal([report], body.GetProperty("reports").EnumerateArray().Select(r => r.GetString()!));
        // The same shape as GET.
        var got = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(got.EnumerateObject().Select(p => p.Name), body.EnumerateObject().Select(p => p.Name));

        var again = await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = report });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        // Problem texts are in the request's language (Japanese when it names none); the case number stays machine-readable.
        var conflict = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("この報告はすでにケースになっています。", conflict.GetProperty("title").GetString());
        Assert.Equal($"この報告はケース {number} に含まれています。", conflict.GetProperty("detail").GetString());
        Assert.Equal(number, conflict.GetProperty("case").GetString());
        var englishRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(new { reportTrackingNumber = report }) };
        englishRequest.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await api.SendAsync(englishRequest)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The report is already in a case", english.GetProperty("title").GetString());
        Assert.Equal($"The report is in case {number}.", english.GetProperty("detail").GetString());

        var unknown = await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = "VR-2026-99999" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        var unknownProblem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("リクエストに誤りがあります。", unknownProblem.GetProperty("title").GetString());
        Assert.Equal("この受付番号の報告はありません。", unknownProblem.GetProperty("errors").GetProperty("reportTrackingNumber")[0].GetString());
        var empty = await (await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = " " })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("報告の受付番号 (reportTrackingNumber) を指定してください。", empty.GetProperty("errors").GetProperty("reportTrackingNumber")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/cases", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // An incident goes to the CSIRT team, which this coordinator does not see.
        var (incident, _) = await app.SubmitReportAsync(new { kind = "incident", language = "en", title = "foreign", description = "d", reporter = new { email = "i@example.org" } });
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = incident })).StatusCode);

        // Reading roles cannot open cases.
        await app.CreateStaffAsync("api-cases-auditor@example.com", "Auditor", "psirt");
        var auditor = app.Anonymous();
        auditor.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("api-cases-auditor@example.com"));
        var (other, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("監査役は案件化できない"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/v1/cases", new { reportTrackingNumber = other })).StatusCode);
    }

    [Fact]
    public async Task Cve_ids_and_the_coordination_record_are_validated_shown_and_audited()
    {
        var (staff, api) = await CoordinatorAsync("cve@example.com");
        var number = await OpenCaseAsync(api, "CVE を記録する");

        var bad = await staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Cve", new() { ["cveIds"] = "CVE-2026-1234 CVE-26-1" }, $"/staff/cases/{number}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("CVE-2026-12345", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var good = await staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Cve", new() { ["cveIds"] = "CVE-2026-1234, cve-2026-1234567 CVE-2026-1234" }, $"/staff/cases/{number}");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        var refs = await staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Coordination",
            new() { ["references"] = "JVN-12", ["reportedOn"] = "2026-12-01" }, $"/staff/cases/{number}");
        Assert.Equal(HttpStatusCode.BadRequest, refs.StatusCode);
        refs = await staff.PostFormAsync($"/staff/cases/{number}/disclosure?handler=Coordination", new()
        {
            ["references"] = "JVNVU#12345678 VU#123456",
            ["reportedOn"] = "2026-12-01",
            ["publishedOn"] = "",
            ["vendorStatusJa"] = "該当製品あり。修正版 5.2.2 を公開予定。",
            ["vendorStatusEn"] = "Vulnerable. Fixed in 5.2.2.",
        }, $"/staff/cases/{number}");
        Assert.Equal(HttpStatusCode.Redirect, refs.StatusCode);

        var c = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(["CVE-2026-1234", "CVE-2026-1234567"], c.GetProperty("cveIds").EnumerateArray().Select(x => x.GetString()!));
        var coordination = c.GetProperty("coordination");
        Assert.Equal(["JVNVU#12345678", "VU#123456"], coordination.GetProperty("references").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal("2026-12-01", coordination.GetProperty("reportedOn").GetString());
        Assert.Equal(JsonValueKind.Null, coordination.GetProperty("publishedOn").ValueKind);
        Assert.Equal("Vulnerable. Fixed in 5.2.2.", coordination.GetProperty("vendorStatusEn").GetString());

        var page = WebUtility.HtmlDecode(await staff.GetStringAsync($"/staff/cases/{number}"));
        Assert.Contains("CVE-2026-1234 CVE-2026-1234567", page, StringComparison.Ordinal);
        Assert.Contains("JVNVU#12345678 VU#123456", page, StringComparison.Ordinal);
        Assert.Contains("該当製品あり。修正版 5.2.2 を公開予定。", page, StringComparison.Ordinal);
        var actions = await app.WithDbAsync(db => db.Timeline.Where(t => db.Cases.Any(x => x.Id == t.CaseId && x.Number == number)).Select(t => t.Action).ToListAsync());
        Assert.Contains("case.cve", actions);
        Assert.Contains("case.coordination", actions);
    }

    [Theory]
    [InlineData("CVE-2026-1234", true)]
    [InlineData("cve-1999-0001", true)]
    [InlineData("CVE-2026-12345678", true)]
    [InlineData("CVE-2026-123", false)]
    [InlineData("CVE-26-1234", false)]
    [InlineData("CVE-2026-12a4", false)]
    [InlineData("2026-1234", false)]
    public void Cve_ids_are_CVE_year_and_four_or_more_digits(string id, bool valid)
    {
        var ids = DisclosureFormats.CveIds(id, out var invalid);
        Assert.Equal(valid, ids.Count == 1 && invalid.Count == 0);
    }
}

/// <summary>Embargo reminders with a fake clock (Tuesday 2026-12-01 10:00 JST); the rounds are run by hand.</summary>
public sealed class EmbargoReminderTests(FakeClockApp app) : SlaMonitorTestBase(app), IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task Reminders_go_out_seven_days_and_one_day_before_the_embargo_once_each_to_the_assignee_and_coordinators()
    {
        await App.CreateStaffAsync("embargo-coordinator@example.com", "Coordinator", "psirt");
        await App.CreateStaffAsync("embargo-analyst@example.com", "Analyst", "psirt");
        var number = await OpenCaseAsync("エンバーゴの通知");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            var analyst = await db.Users.SingleAsync(u => u.Email == "embargo-analyst@example.com");
            await scope.ServiceProvider.GetRequiredService<CaseOperations>().AssignAsync(c, analyst.Id, "Analyst", "test", CancellationToken.None);
            // 2026-12-11 10:00 JST, ten days ahead.
            var problems = await scope.ServiceProvider.GetRequiredService<DisclosureOperations>()
                .ChangeEmbargoAsync(c, new EmbargoChange("2026-12-11T10:00", "Asia/Tokyo", null, "合意"), "test", CancellationToken.None);
            Assert.Empty(problems);
        }

        Assert.Equal(0, await RunAsync());
        App.Clock!.Advance(TimeSpan.FromDays(2));                   // 8 days before: nothing yet
        Assert.Equal(0, await RunAsync());
        App.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1)); // just inside 7 days
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        App.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await RunAsync());
        App.Clock.Advance(TimeSpan.FromDays(3));                    // under one day left
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        App.Clock.Advance(TimeSpan.FromDays(2));                    // past the embargo
        Assert.Equal(0, await RunAsync());

        foreach (var who in new[] { "embargo-coordinator@example.com", "embargo-analyst@example.com" })
        {
            var mails = await App.WithDbAsync(db => db.Outbox.Where(o => o.Kind == "embargo-reminder" && o.Recipient == who).OrderBy(o => o.Id).ToListAsync());
            Assert.Equal(2, mails.Count);
            Assert.Contains($"{number}  2026-12-11 10:00 JST (2026-12-11 01:00 UTC)  7 日前 / 7 day(s) before", mails[0].Body, StringComparison.Ordinal);
            Assert.Contains($"{number}  2026-12-11 10:00 JST (2026-12-11 01:00 UTC)  1 日前 / 1 day(s) before", mails[1].Body, StringComparison.Ordinal);
        }
    }

    private async Task<int> RunAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmbargoReminders>().RunOnceAsync(CancellationToken.None);
    }
}
