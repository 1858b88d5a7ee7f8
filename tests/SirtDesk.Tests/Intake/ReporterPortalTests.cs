using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Crypto;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Intake;

public sealed partial class ReporterPortalTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private async Task<HttpClient> CoordinatorAsync()
    {
        const string email = "portal-coord@example.com";
        if (!await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)))
        {
            await app.CreateStaffAsync(email, "Coordinator", "psirt");
        }
        return await app.SignInAsync(email);
    }

    private static async Task<string> OpenCaseAsync(HttpClient staff, string trackingNumber)
    {
        var opened = await staff.PostFormAsync($"/staff/reports/{trackingNumber}?handler=OpenCase", [], formPage: $"/staff/reports/{trackingNumber}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return opened.Headers.Location!.OriginalString;
    }

    private static Task<HttpResponseMessage> PostNoteAsync(HttpClient staff, string casePath, string text, bool shared) =>
        staff.PostFormAsync($"{casePath}?handler=Note", shared ? new() { ["note"] = text, ["shared"] = "true" } : new() { ["note"] = text }, formPage: casePath);

    private static string PathOf(string trackingUrl) => new Uri(trackingUrl).AbsolutePath;

    [Fact]
    public async Task A_reporter_sees_shared_notes_but_never_internal_ones_nor_other_reporters()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("ポータルで共有を確認する"));
        var (other, otherUrl) = await app.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = "Same bug", description = "d", reporter = new { name = "Other Finder", email = "other-finder@example.org" } });
        var staff = await CoordinatorAsync();
        var casePath = await OpenCaseAsync(staff, number);
        await staff.PostFormAsync($"/staff/reports/{other}?handler=AddToCase", new() { ["caseNumber"] = casePath.Split('/')[^1] }, formPage: $"/staff/reports/{other}");

        await PostNoteAsync(staff, casePath, "内部メモ: ベンダーの担当者は鈴木さん", shared: false);
        await PostNoteAsync(staff, casePath, "修正版の準備を進めています。", shared: true);
        var otherReporter = app.Anonymous();
        await otherReporter.PostFormAsync(PathOf(otherUrl) + "?handler=Message", new() { ["message"] = "Message from the other finder" }, formPage: PathOf(otherUrl));

        var page = await app.Anonymous().GetStringAsync(PathOf(url));

        Assert.Contains("修正版の準備を進めています。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("内部メモ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("鈴木", page, StringComparison.Ordinal);
        Assert.DoesNotContain("other finder", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("portal-coord@example.com", page, StringComparison.Ordinal);

        // Staff change their minds: the shared note goes internal, the internal one is shared.
        var caseHtml = await staff.GetStringAsync(casePath);
        var ids = NoteIds().Matches(caseHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        await staff.PostFormAsync($"{casePath}?handler=NoteVisibility", new() { ["noteId"] = ids[0], ["shared"] = "true" }, formPage: casePath);
        await staff.PostFormAsync($"{casePath}?handler=NoteVisibility", new() { ["noteId"] = ids[1], ["shared"] = "false" }, formPage: casePath);

        page = await app.Anonymous().GetStringAsync(PathOf(url));
        Assert.Contains("内部メモ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("修正版の準備を進めています。", page, StringComparison.Ordinal);
        var actions = await app.WithDbAsync(db => db.Timeline.Where(t => t.Action == "case.note-shared" || t.Action == "case.note-internal").Select(t => t.Action).ToListAsync());
        Assert.Contains("case.note-shared", actions);
        Assert.Contains("case.note-internal", actions);
    }

    [Fact]
    public async Task A_shared_update_mails_the_reporter_in_their_language_and_an_internal_note_does_not()
    {
        var (number, _) = await app.SubmitReportAsync(new { kind = "vulnerability", language = "ja", title = "通知の確認", description = "d", reporter = new { email = "notify-me@example.org" } });
        var staff = await CoordinatorAsync();
        var casePath = await OpenCaseAsync(staff, number);

        await PostNoteAsync(staff, casePath, "内部だけのメモ", shared: false);
        Assert.False(await app.WithDbAsync(db => db.Outbox.AnyAsync(o => o.Recipient == "notify-me@example.org" && o.Kind == "portal-update")));
        await PostNoteAsync(staff, casePath, "調査を開始しました。", shared: true);

        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == "notify-me@example.org" && o.Kind == "portal-update"));
        Assert.Equal("ja", mail.Language);
        Assert.Contains("新しいお知らせ", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("調査を開始しました", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_shows_the_next_answer_due_in_jst()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("期限の表示"));
        var staff = await CoordinatorAsync();
        await OpenCaseAsync(staff, number);

        var page = await app.Anonymous().GetStringAsync(PathOf(url));

        Assert.Matches(@"id=""next-answer"">\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（日本時間）<", page);
    }

    [Fact]
    public async Task A_message_with_an_attachment_from_the_portal_lands_on_the_case_sealed()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("追加情報を送る"));
        var staff = await CoordinatorAsync();
        var casePath = await OpenCaseAsync(staff, number);
        var reporter = app.Anonymous();
        var form = await reporter.GetStringAsync(PathOf(url));
        var content = new MultipartFormDataContent
        {
            { new StringContent("再現手順を追加します。<b>太字</b>"), "message" },
            { new StringContent(HttpClientForms.Token(form)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent("追加の PoC です"u8.ToArray());
        file.Headers.ContentType = new("text/plain");
        content.Add(file, "attachments", "poc2.txt");

        var sent = await reporter.PostAsync(PathOf(url) + "?handler=Message", content);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => "/staff/cases/" + c.Number == casePath).Select(c => c.Id).SingleAsync());
        var entries = await app.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == caseId && t.Actor == "reporter").OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(["reporter.message", "reporter.attachment"], entries.Select(e => e.Action));
        Assert.Equal("再現手順を追加します。<b>太字</b>", entries[0].Detail);
        var attachment = await app.WithDbAsync(db => db.ReportAttachments.SingleAsync(a => a.FileName == "poc2.txt"));
        Assert.Equal("追加の PoC です"u8.ToArray(), app.Services.GetRequiredService<AtRestCipher>().Open(attachment.Sealed));
        Assert.Equal(-1, attachment.Sealed.AsSpan().IndexOf("追加の PoC"u8));
        var caseHtml = await staff.GetStringAsync(casePath);
        Assert.Contains("再現手順を追加します。&lt;b&gt;太字&lt;/b&gt;", caseHtml, StringComparison.Ordinal);
        Assert.Contains("poc2.txt", await staff.GetStringAsync($"/staff/reports/{number}"), StringComparison.Ordinal);
        Assert.Contains("再現手順を追加します。", await reporter.GetStringAsync(PathOf(url)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_text_limit_is_refused()
    {
        var (_, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("長すぎるメッセージ"));

        var sent = await app.Anonymous().PostFormAsync(PathOf(url) + "?handler=Message", new() { ["message"] = new string('あ', 30_000) }, formPage: PathOf(url));

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Contains("id=\"message-error\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reporter_changes_the_credit_preference()
    {
        var (number, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("クレジットの変更"));

        var changed = await app.Anonymous().PostFormAsync(PathOf(url) + "?handler=Credit", new() { ["credit"] = "anonymous" }, formPage: PathOf(url));
        var invalid = await app.Anonymous().PostFormAsync(PathOf(url) + "?handler=Credit", new() { ["credit"] = "everyone" }, formPage: PathOf(url));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("anonymous", await app.WithDbAsync(db => db.Reports.Where(r => r.TrackingNumber == number).Select(r => r.Credit).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Report!.TrackingNumber == number && t.Action == "report.credit" && t.Detail == "name → anonymous")));
    }

    [Fact]
    public async Task A_rotated_token_and_a_random_token_get_identical_answers_and_the_new_link_is_mailed()
    {
        var (number, url) = await app.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = "Rotate me", description = "d", reporter = new { email = "rotate@example.org" } });
        var staff = await CoordinatorAsync();

        var rotated = await staff.PostFormAsync($"/staff/reports/{number}?handler=RotateToken", [], formPage: $"/staff/reports/{number}");
        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);

        var old = await app.Anonymous().GetAsync(PathOf(url));
        var random = await app.Anonymous().GetAsync("/en/track/" + SirtDesk.Intake.ReporterPortal.NewToken());
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(old.StatusCode, random.StatusCode);
        Assert.Equal(await random.Content.ReadAsStringAsync(), await old.Content.ReadAsStringAsync());
        Assert.Equal(random.Content.Headers.ContentType, old.Content.Headers.ContentType);

        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(o => o.Recipient == "rotate@example.org" && o.Kind == "tracking-link"));
        var newUrl = Regex.Match(mail.Body, @"https://\S+/en/track/\S+").Value;
        Assert.NotEqual(url, newUrl);
        var page = await app.Anonymous().GetAsync(PathOf(newUrl));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Report!.TrackingNumber == number && t.Action == "report.token-rotated")));
    }

    [Fact]
    public async Task Posting_to_an_unknown_token_changes_nothing()
    {
        var (_, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("他人のトークン"));
        var client = app.Anonymous();
        var form = await client.GetStringAsync(PathOf(url));

        var sent = await client.PostAsync("/ja/track/" + SirtDesk.Intake.ReporterPortal.NewToken() + "?handler=Credit",
            new FormUrlEncodedContent([new("credit", "anonymous"), new("__RequestVerificationToken", HttpClientForms.Token(form))]));

        Assert.Equal(HttpStatusCode.NotFound, sent.StatusCode);
    }

    [GeneratedRegex(@"<li id=""entry-(\d+)"" data-action=""case\.note""")]
    private static partial Regex NoteIds();
}

public sealed class ReporterPortalLimitTests
{
    [Fact]
    public async Task The_portal_keeps_the_forms_attachment_limit_and_rate_limit()
    {
        await using var app = new SirtDeskApp { Settings = { ["Intake:MaxAttachmentBytes"] = "1024" }, RateLimitPerMinute = 3 };
        await app.InitializeAsync();
        var (_, url) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("大きすぎる添付"));
        var path = new Uri(url).AbsolutePath;
        var reporter = app.Anonymous();
        var form = await reporter.GetStringAsync(path);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var content = new MultipartFormDataContent
            {
                { new StringContent("大きなファイル"), "message" },
                { new StringContent(HttpClientForms.Token(form)), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[2048]), "attachments", "big.bin" },
            };
            var sent = await reporter.PostAsync(path + "?handler=Message", content);
            codes.Add(sent.StatusCode);
            if (i == 0)
            {
                Assert.Contains("id=\"attachments-error\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], codes);
        Assert.False(await app.WithDbAsync(db => db.ReportAttachments.AnyAsync(a => a.FileName == "big.bin")));
    }
}
