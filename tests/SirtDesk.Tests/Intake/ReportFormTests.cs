using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Intake;

public sealed partial class ReportFormTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, Dictionary<string, string> fields, params (string Name, byte[] Content, string Type)[] files)
    {
        var page = await client.GetStringAsync(url);
        var form = new MultipartFormDataContent { { new StringContent(HttpClientForms.Token(page)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v, Encoding.UTF8), k);
        }
        foreach (var (name, content, type) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "attachments", name);
        }
        return await client.PostAsync(url, form);
    }

    [Fact]
    public async Task A_japanese_vulnerability_report_with_an_attachment_gets_a_receipt_and_the_file_is_stored_encrypted()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var evil = Encoding.UTF8.GetBytes("<html><script>alert(document.domain)</script></html>");

        var response = await PostMultipartAsync(client, "/ja/report/vulnerability", new()
        {
            ["product"] = "雲川グループウェア",
            ["productVersion"] = "5.2",
            ["title"] = "添付ファイル付きの脆弱性報告",
            ["description"] = "再現用の HTML を添付します。",
            ["reporter.email"] = "reporter@example.jp",
            ["reporter.credit"] = "anonymous",
        }, ("../../etc/poc\u202Egnp.html", evil, "text/html"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var number = TrackingNumber().Match(html).Groups[1].Value;
        Assert.Matches(@"^VR-\d{4}-\d{5}$", number);
        Assert.Contains("/ja/track/", html, StringComparison.Ordinal);

        var attachment = await app.WithDbAsync(db => db.ReportAttachments.SingleAsync(a => db.Reports.Any(r => r.Id == a.ReportId && r.TrackingNumber == number)));
        Assert.DoesNotContain("alert(document.domain)", Encoding.UTF8.GetString(attachment.Sealed), StringComparison.Ordinal);

        await app.CreateStaffAsync("downloader@example.com", "Analyst", "psirt");
        var staff = await app.SignInAsync("downloader@example.com");
        var download = await staff.GetAsync($"/staff/reports/{number}/attachments/{attachment.Id}");
        Assert.Equal(evil, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("/", download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", download.Content.Headers.ContentDisposition.FileNameStar ?? "", StringComparison.Ordinal);
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "件名は必須です。", "メールアドレスの形式が正しくありません。")]
    [InlineData("en", "Title is required.", "This is not a valid e-mail address.")]
    public async Task Form_errors_are_shown_per_field_in_the_pages_language_and_nothing_is_stored(string lang, string titleError, string emailError)
    {
        var before = await app.WithDbAsync(db => db.Reports.CountAsync());
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await PostMultipartAsync(client, $"/{lang}/report/incident", new() { ["description"] = "何かが起きた", ["reporter.email"] = "nobody" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"data-field=\"title\">{titleError}</span>", html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"reporter.email\">{emailError}</span>", html, StringComparison.Ordinal);
        Assert.Contains("何かが起きた", html, StringComparison.Ordinal); // what the reporter typed is kept
        Assert.Equal(before, await app.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Too_many_attachments_are_refused()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var files = Enumerable.Range(0, 11).Select(i => ($"f{i}.txt", new byte[] { 1 }, "text/plain")).ToArray();

        var response = await PostMultipartAsync(client, "/en/report/vulnerability", new() { ["title"] = "t", ["description"] = "d", ["reporter.email"] = "a@example.org" }, files);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At most 10 attachments.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.PostAsync("/en/report/vulnerability", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "t", ["description"] = "d", ["reporter.email"] = "a@example.org" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("tracking-number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"tracking-number\">([A-Z]{2}-\\d{4}-\\d{5})<")]
    private static partial Regex TrackingNumber();
}

public sealed class RateLimitedApp : SirtDeskApp
{
    public RateLimitedApp() => RateLimitPerMinute = 3;
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_client_over_the_limit_gets_429_and_a_localized_message()
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var r = await app.Anonymous().PostAsync("/api/v1/reports", JsonContent(i));
            codes.Add(r.StatusCode);
            if (i == 3)
            {
                Assert.Contains("1 分ほど待って", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, (HttpStatusCode)429], codes);
        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/ja/report/vulnerability")).StatusCode);
    }

    private static StringContent JsonContent(int i) => new(
        $$$"""{"kind":"vulnerability","language":"ja","title":"rate {{{i}}}","description":"d","reporter":{"email":"a@example.org"}}""",
        Encoding.UTF8, "application/json");
}
