using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SirtDesk.Tests.Intake;

/// <summary>A SirtDesk whose database cannot be opened (its directory does not exist and cannot be created).</summary>
public sealed class UnreachableDatabaseApp : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("SIRTDESK_DATA", Path.Combine(Path.GetTempPath(), "sirtdesk-down", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:SirtDesk", "Data Source=/proc/sirtdesk-no-such-dir/sirtdesk.db;Mode=ReadWrite");
        builder.UseSetting("Intake:RateLimitPerMinute", "0");
    }
}

public sealed class DatabaseDownTests(UnreachableDatabaseApp app) : IClassFixture<UnreachableDatabaseApp>
{
    [Fact]
    public async Task A_report_gets_503_and_no_receipt_when_the_database_is_down()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");

        var response = await client.PostAsJsonAsync("/api/v1/reports", new { kind = "vulnerability", language = "ja", title = "t", description = "d", reporter = new { email = "a@example.org" } });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("trackingNumber", body, StringComparison.Ordinal);
        Assert.Contains("報告は保存されていません", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }
}
