using System.Net;
using SirtDesk.Standards.SecurityTxt;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.PublicSite;

public sealed class PublicSiteTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Theory]
    [InlineData("en-US,en;q=0.9", "/en/")]
    [InlineData("ja,en;q=0.5", "/ja/")]
    [InlineData("fr-FR", "/ja/")]
    public async Task The_root_sends_visitors_to_their_language(string acceptLanguage, string expected)
    {
        var response = await app.Anonymous(acceptLanguage).GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_language_cookie_set_by_the_switcher_wins_over_the_browser()
    {
        var client = app.Anonymous("ja");
        var switched = await client.GetAsync("/language/en?returnUrl=%2Fja%2Freport%2Fincident");
        Assert.Equal("/en/report/incident", switched.Headers.Location!.OriginalString);
        var cookie = switched.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var root = await client.SendAsync(request);

        Assert.Equal("/en/", root.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("ja", "1. 文書情報", "2. 連絡先情報", "3. 憲章", "4. ポリシー", "5. サービス", "6. インシデント報告フォーム", "7. 免責事項")]
    [InlineData("en", "1. Document Information", "2. Contact Information", "3. Charter", "4. Policies", "5. Services", "6. Incident Reporting Forms", "7. Disclaimers")]
    public async Task The_description_page_has_the_seven_sections_of_rfc_2350(string lang, params string[] sections)
    {
        var html = await app.Anonymous().GetStringAsync($"/{lang}/");

        var positions = sections.Select(s => html.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        foreach (var id in new[] { "document-information", "contact-information", "charter", "policies", "services", "reporting-forms", "disclaimers" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_description_shows_the_profiles_contacts_keys_hours_and_what_the_team_does_not_do()
    {
        var html = await app.Anonymous().GetStringAsync("/ja/");

        Assert.Contains("psirt@example.com", html, StringComparison.Ordinal);
        Assert.Contains("F0E1 D2C3 B4A5 9687 7869 5A4B 3C2D 1E0F 9A55 C0DE", html, StringComparison.Ordinal);
        Assert.Contains("平日 9:00 ~ 17:00", html, StringComparison.Ordinal);
        Assert.Contains("導入いただいているシステムに関する現地調査", html, StringComparison.Ordinal);
        Assert.Contains("直接警察機関に連絡する権限を有しません", html, StringComparison.Ordinal);
        Assert.Contains("保持しておりません", html, StringComparison.Ordinal); // no fax
    }

    [Fact]
    public async Task Security_txt_is_valid_rfc_9116_built_from_the_profile_and_the_base_url()
    {
        var response = await app.Anonymous().GetAsync("/.well-known/security.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(SecurityTxtDocument.Validate(text, TimeProvider.System.GetUtcNow()));
        Assert.Contains("Contact: https://security.example.com/ja/report/vulnerability\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Contact: mailto:psirt@example.com\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Preferred-Languages: ja, en\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Canonical: https://security.example.com/.well-known/security.txt\r\n", text, StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(text.Split("\r\n").Single(l => l.StartsWith("Expires: ", StringComparison.Ordinal))[9..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires, TimeProvider.System.GetUtcNow().AddDays(364), TimeProvider.System.GetUtcNow().AddDays(365));

        var legacy = await app.Anonymous().GetAsync("/security.txt");
        Assert.Equal(HttpStatusCode.MovedPermanently, legacy.StatusCode);
        Assert.Equal("/.well-known/security.txt", legacy.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_and_framing()
    {
        var response = await app.Anonymous().GetAsync("/en/report/vulnerability");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
