using System.Net;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Advisories;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Advisories;

public sealed class SubscribeLimitedApp : SirtDeskApp
{
    public SubscribeLimitedApp() => Settings["Advisories:SubscribeLimitPerHour"] = "2";
}

public sealed class SubscriptionLimitTests(SubscribeLimitedApp app) : IClassFixture<SubscribeLimitedApp>
{
    private static string Address(string name) => $"{name}-{Guid.NewGuid():N}@example.org";

    private Task<(int Subscriptions, int Mails)> StoredAsync(string address) => app.WithDbAsync(async db =>
        (await db.Set<AdvisorySubscription>().CountAsync(s => s.Email == address), await db.Outbox.CountAsync(o => o.Recipient == address)));

    [Fact]
    public async Task A_client_over_the_subscription_limit_gets_429_in_its_language_and_nothing_is_stored_or_mailed()
    {
        var client = app.Anonymous();
        foreach (var address in new[] { Address("first"), Address("second") })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = address }, formPage: "/en/advisories")).StatusCode);
            Assert.Equal((1, 1), await StoredAsync(address));
        }

        var english = Address("third");
        var refused = await client.PostFormAsync("/en/advisories?handler=Subscribe", new() { ["email"] = english }, formPage: "/en/advisories");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Too many subscription requests have come from your network. Nothing was sent", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"subscribe-sent\"", html, StringComparison.Ordinal);
        Assert.Equal((0, 0), await StoredAsync(english));

        var japanese = Address("fourth");
        refused = await client.PostFormAsync("/ja/advisories?handler=Subscribe", new() { ["email"] = japanese }, formPage: "/ja/advisories");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("配信登録の申し込みが多すぎます。確認メールは送っていません。", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((0, 0), await StoredAsync(japanese));

        // Only the subscription POST is limited: the advisory list still answers (PostFormAsync read it above too).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ja/advisories")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/en/advisories?severity=high")).StatusCode);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Clients_are_counted_by_ipv4_address_and_by_ipv6_64_prefix(string address, string partition) =>
        Assert.Equal(partition, SubscribeLimiter.Client(IPAddress.Parse(address)));
}
