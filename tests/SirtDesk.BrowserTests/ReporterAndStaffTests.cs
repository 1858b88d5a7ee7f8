using Microsoft.Playwright;
using SirtDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SirtDesk.BrowserTests;

public sealed class ReporterAndStaffTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reporter_sends_the_japanese_form_with_an_attachment_and_staff_open_it_after_signing_in_with_totp()
    {
        var page = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(fx.BaseUrl.TrimEnd('/') + "/ja/");
        await page.GetByRole(AriaRole.Link, new() { Name = "脆弱性報告フォーム" }).First.ClickAsync();

        await page.FillAsync("#f-product", "雲川グループウェア");
        await page.FillAsync("#f-title", "ファイルアップロード機能のパストラバーサル");
        await page.FillAsync("#f-description", "アップロード時のファイル名に ../ を含めると任意の場所に書き込めます。");
        await page.FillAsync("#f-reporter-email", "reporter@example.jp");
        await page.SetInputFilesAsync("#f-attachments", new FilePayload { Name = "再現手順.txt", MimeType = "text/plain", Buffer = "curl -F file=@../../x"u8.ToArray() });
        await page.ClickAsync("button[type=submit]");

        var number = page.Locator("#tracking-number");
        await Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^VR-\d{4}-\d{5}$"));
        var trackingNumber = await number.InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "receipt-ja.png"), FullPage = true });

        await fx.App.CreateStaffAsync("browser-coordinator@example.com", "Coordinator", "psirt");
        var staff = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await staff.GotoAsync("/staff");
        await Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/staff/login"));
        await BrowserFixture.SignInAsync(staff, "browser-coordinator@example.com");

        await staff.GetByRole(AriaRole.Link, new() { Name = trackingNumber }).ClickAsync();
        await Expect(staff.Locator("#report-title")).ToHaveTextAsync("ファイルアップロード機能のパストラバーサル");
        await Expect(staff.Locator("#attachments")).ToContainTextAsync("再現手順.txt");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "staff-report-ja.png"), FullPage = true });
    }

    [Fact]
    public async Task Script_and_onerror_payloads_in_a_report_display_as_text_and_run_nothing()
    {
        const string payload = "<script>window.pwned=1;alert('x')</script><img src=x onerror=\"window.pwned=2;alert('y')\">";
        await fx.App.SubmitReportAsync(new { kind = "vulnerability", language = "en", title = payload, description = payload, proofOfConcept = payload, reporter = new { email = "xss@example.org" } });
        await fx.App.CreateStaffAsync("browser-admin@example.com", "Administrator");
        var staff = await fx.Browser.NewPageAsync(new() { Locale = "en-US", BaseURL = fx.BaseUrl });
        var dialogs = 0;
        staff.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        await BrowserFixture.SignInAsync(staff, "browser-admin@example.com");

        await staff.GotoAsync("/staff?q=" + Uri.EscapeDataString("pwned"));
        await staff.Locator("#inbox a").First.ClickAsync();
        await Expect(staff.Locator("#report-title")).ToHaveTextAsync(payload);
        await Expect(staff.Locator("pre[data-field=Field_proofOfConcept]")).ToHaveTextAsync(payload);

        Assert.Equal(0, dialogs);
        Assert.Equal("undefined", await staff.EvaluateAsync<string>("() => typeof window.pwned"));
        Assert.Equal(0, await staff.Locator("#report-text img").CountAsync());
    }
}
