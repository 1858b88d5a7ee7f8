using Microsoft.Playwright;
using SirtDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SirtDesk.BrowserTests;

public sealed class TriageCalculatorTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_calculator_scores_live_as_buttons_are_pressed_and_a_pasted_vector_sets_the_buttons()
    {
        var (report, _) = await fx.App.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("電卓の確認"));
        await fx.App.CreateStaffAsync("calc@example.com", "Analyst", "psirt");
        var page = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await BrowserFixture.SignInAsync(page, "calc@example.com");
        await page.GotoAsync($"/staff/reports/{report}");
        await page.ClickAsync("#open-case");
        await page.ClickAsync("#triage-link");

        foreach (var (metric, value) in new[] { ("AV", "N"), ("AC", "L"), ("PR", "N"), ("UI", "N"), ("S", "U"), ("C", "H"), ("I", "H"), ("A", "H") })
        {
            await page.CheckAsync($"input[name=m3_{metric}][value={value}]");
        }
        await Expect(page.Locator("#vector")).ToHaveValueAsync("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        await Expect(page.Locator("#live-score")).ToHaveTextAsync("9.8 CRITICAL");

        await page.FillAsync("#vector", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        await Expect(page.Locator("#live-score")).ToHaveTextAsync("8.4 HIGH");
        await Expect(page.Locator("input[name=m3_AV][value=L]")).ToBeCheckedAsync();

        await page.ClickAsync("#save-triage");
        await Expect(page.Locator("#case-severity")).ToContainTextAsync("CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "case-triaged-ja.png"), FullPage = true });
    }
}
