using Microsoft.Extensions.Configuration;
using SirtDesk.PublicSite;

namespace SirtDesk.Tests.PublicSite;

/// <summary>The base URL that CLI verbs, mail intake and the setup link put into the links they write.</summary>
public sealed class BaseUrlTests
{
    [Theory]
    [InlineData("https://security.example.com/", "http://0.0.0.0:8080", "https://security.example.com")]
    [InlineData("   ", "http://0.0.0.0:8080/;https://0.0.0.0:8443", "http://0.0.0.0:8080")]
    [InlineData(null, null, "http://127.0.0.1:5080")]
    [InlineData("", "", "http://127.0.0.1:5080")]
    public void Without_a_request_the_configured_base_url_wins_then_the_first_listen_address_then_the_default(string? baseUrl, string? urls, string expected)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PublicSite:BaseUrl"] = baseUrl, ["urls"] = urls })
            .Build();

        Assert.Equal(expected, PublicSiteModule.BaseUrl(config));
    }
}
