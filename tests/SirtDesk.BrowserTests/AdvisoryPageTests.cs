using Microsoft.Playwright;
using SirtDesk.Tests.Advisories;
using static Microsoft.Playwright.Assertions;

namespace SirtDesk.BrowserTests;

public sealed class AdvisoryPageTests(BrowserFixture fx) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_japanese_reader_filters_the_advisory_list_opens_an_advisory_and_switches_to_english()
    {
        var number = await fx.App.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-40001"));
        await fx.App.UpdateAsync(number, c => c with { Workarounds = new("WAF で検索機能への要求を遮断してください。", "Block requests to the search feature at the WAF.") }, "回避策を追加 / Added a workaround");

        var page = await fx.Browser.NewPageAsync(new() { Locale = "ja-JP", BaseURL = fx.BaseUrl });
        await page.GotoAsync("/ja/advisories");
        await Expect(page.Locator("h1")).ToHaveTextAsync("セキュリティアドバイザリ");
        await page.SelectOptionAsync("select[name=severity]", "critical");
        await page.ClickAsync("#advisory-filters button[type=submit]");
        await Expect(page.Locator($"tr[data-advisory='{number}']")).ToHaveCountAsync(0);
        await page.SelectOptionAsync("select[name=severity]", "medium");
        await page.ClickAsync("#advisory-filters button[type=submit]");
        await Expect(page.Locator($"tr[data-advisory='{number}']")).ToContainTextAsync("警告");

        await page.ClickAsync($"tr[data-advisory='{number}'] a");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性");
        await Expect(page.Locator("#cvss")).ToContainTextAsync("6.1 警告");
        await Expect(page.Locator("#cwe")).ToContainTextAsync("CWE-79");
        await Expect(page.Locator("#workarounds")).ToContainTextAsync("WAF で検索機能への要求を遮断してください。");
        await Expect(page.Locator("#acknowledgements")).ToContainTextAsync("山田 太郎");
        await Expect(page.Locator("#revisions tr[data-revision]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#revisions")).ToContainTextAsync("回避策を追加");
        await Expect(page.Locator("#revisions tr[data-revision='1']")).ToContainTextAsync("初版公開");
        await Expect(page.Locator("#references h2")).ToHaveTextAsync("参考情報");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "advisory-ja.png"), FullPage = true });

        await page.ClickAsync("#language-switch");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/en/advisories/{number}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cross-site scripting in Kumogawa Groupware");
        await Expect(page.Locator("#cvss")).ToContainTextAsync("6.1 Medium");
    }
}
