using SirtDesk.PublicSite;

namespace SirtDesk.Tests.PublicSite;

public sealed class SecurityTxtExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 0, TimeSpan.Zero);

    private static TeamProfile WithExpiry(DateOnly? day) =>
        ProfileStore.Default with { Document = ProfileStore.Default.Document with { SecurityTxtExpires = day } };

    [Fact]
    public void Without_a_date_it_expires_365_days_ahead_rounded_down_to_the_day()
    {
        Assert.Equal(new DateTimeOffset(2027, 11, 25, 0, 0, 0, TimeSpan.Zero), PublicSiteModule.Expires(WithExpiry(null), Now));
    }

    [Fact]
    public void A_set_date_is_used_but_never_in_the_past_nor_more_than_a_year_ahead()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 0, 0, 0, TimeSpan.Zero), PublicSiteModule.Expires(WithExpiry(new DateOnly(2027, 3, 31)), Now));
        Assert.True(PublicSiteModule.Expires(WithExpiry(new DateOnly(2026, 1, 1)), Now) > Now);
        Assert.True(PublicSiteModule.Expires(WithExpiry(new DateOnly(2030, 1, 1)), Now) <= Now.AddDays(365));
    }

    [Theory]
    [InlineData(2026, 12, 20, true)]
    [InlineData(2026, 12, 25, true)]
    [InlineData(2026, 12, 26, false)]
    public void The_console_warns_30_days_before_a_set_date(int y, int m, int d, bool warns)
    {
        Assert.Equal(warns, PublicSiteModule.ExpiresSoon(WithExpiry(new DateOnly(y, m, d)), Now));
        Assert.False(PublicSiteModule.ExpiresSoon(WithExpiry(null), Now));
    }
}
