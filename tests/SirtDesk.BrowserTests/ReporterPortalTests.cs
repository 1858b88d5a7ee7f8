using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SirtDesk.BrowserTests;

public sealed class ReporterPortalTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_japanese_reporter_reads_a_shared_update_and_sends_a_message_with_a_file()
    {
        var (trackingNumber, url) = await fx.App.SubmitReportAsync(new { kind = "vulnerability", language = "ja", title = "ポータルから追加情報を送る", description = "詳細は後ほど送ります。", reporter = new { email = "portal@example.jp" } });
        await fx.App.CreateStaffAsync("browser-portal@example.com", "Coordinator", "psirt");
        var staff = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await BrowserFixture.SignInAsync(staff, "browser-portal@example.com");
        await staff.GotoAsync($"/staff/reports/{trackingNumber}");
        await staff.ClickAsync("#open-case");
        await staff.FillAsync("#note", "社内検討用: 影響範囲はまだ不明");
        await staff.ClickAsync("#post-note");
        await staff.FillAsync("#note", "ご報告の内容を再現できました。修正を検討しています。");
        await staff.CheckAsync("#note-shared");
        await staff.ClickAsync("#post-note");

        var reporter = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await reporter.GotoAsync(new Uri(url).AbsolutePath);
        await Expect(reporter.Locator("#tracking-number")).ToHaveTextAsync(trackingNumber);
        await Expect(reporter.Locator("#portal-updates")).ToContainTextAsync("ご報告の内容を再現できました。");
        await Expect(reporter.Locator("#portal-updates")).Not.ToContainTextAsync("社内検討用");
        await Expect(reporter.Locator("#next-answer")).ToContainTextAsync("日本時間");

        await reporter.FillAsync("#message", "追加の再現手順を添付します。");
        await reporter.SetInputFilesAsync("#attachments", new FilePayload { Name = "追加手順.txt", MimeType = "text/plain", Buffer = "step 3: ../../etc/passwd"u8.ToArray() });
        await reporter.ClickAsync("#send-message");

        await Expect(reporter.Locator("#portal-done")).ToHaveTextAsync("メッセージをチームに送信しました。");
        await Expect(reporter.Locator("#portal-updates")).ToContainTextAsync("追加の再現手順を添付します。");
        await reporter.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "portal-ja.png"), FullPage = true });

        await staff.GotoAsync($"/staff/reports/{trackingNumber}");
        await Expect(staff.Locator("#attachments")).ToContainTextAsync("追加手順.txt");
        Assert.True(await fx.App.WithDbAsync(db => db.Timeline.AnyAsync(t => t.Action == "reporter.message" && t.Detail == "追加の再現手順を添付します。" && t.CaseId != null)));
    }
}
