using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Sla;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Sla;

public sealed class SlaPagesTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    [Fact]
    public async Task Attainment_counts_stopped_clocks_per_team_kind_severity_and_month_and_exports_csv()
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("達成率の確認"));
        await app.CreateStaffAsync("attain@example.com", "Coordinator", "psirt");
        var staff = await app.SignInAsync("attain@example.com");
        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");
        var casePath = opened.Headers.Location!.OriginalString;
        await staff.PostFormAsync($"{casePath}?handler=Replied", [], formPage: casePath);
        await staff.PostFormAsync($"{casePath}/triage", new() { ["vector"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" });
        await staff.PostFormAsync($"{casePath}?handler=Status", new() { ["status"] = "Closed" }, formPage: casePath);

        var bytes = await staff.GetByteArrayAsync("/staff/sla.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // BOM: Excel opens Japanese CSV correctly
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        var page = await staff.GetStringAsync("/staff/sla");

        var month = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("yyyy-MM");
        Assert.StartsWith("team,kind,severity,month,clock,cases,within_target,percent_within,median_hours,p90_hours\r\n", csv, StringComparison.Ordinal);
        foreach (var clock in new[] { "acknowledge", "triage", "remediate" })
        {
            Assert.Contains($"psirt,vulnerability,high,{month},{clock},1,1,100.0,", csv, StringComparison.Ordinal);
        }
        Assert.Contains("id=\"attainment\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_shows_each_clock_with_its_due_time_in_jst_and_the_viewers_zone()
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("期限表示の確認"));
        await app.CreateStaffAsync("zone@example.com", "Analyst", "psirt");
        var staff = await app.SignInAsync("zone@example.com");
        await staff.PostFormAsync("/staff/account", new() { ["timeZone"] = "Europe/Berlin" });
        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");

        var html = await staff.GetStringAsync(opened.Headers.Location!.OriginalString);

        Assert.Contains("data-clock=\"Acknowledge\" data-state=\"Running\"", html, StringComparison.Ordinal);
        Assert.Matches(@"class=""due"">\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Europe/Berlin\) · \d{4}-\d{2}-\d{2} \d{2}:\d{2} JST<", html);
        Assert.Contains("data-clock=\"Disclose\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_description_page_publishes_the_service_level_targets()
    {
        var html = await app.Anonymous().GetStringAsync("/ja/");

        Assert.Contains("id=\"service-level-targets\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>脆弱性</td>", html, StringComparison.Ordinal);
        Assert.Contains("8 営業時間", html, StringComparison.Ordinal);
        Assert.Contains("30 日", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_calendar_saved_by_an_administrator_drives_that_teams_clocks_and_bad_settings_are_refused()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<SlaSettings>();
        var refused = await settings.SaveCalendarsAsync("""{"csirt":{"timeZone":"Mars/Base","hours":{"Funday":["9-5"]},"holidays":"JP","yearlyClosures":[],"closedDates":[]}}""", CancellationToken.None);
        Assert.Contains("csirt.timeZone: unknown IANA time zone 'Mars/Base'", refused);
        Assert.Contains("csirt.hours: unknown day 'Funday'", refused);

        var saved = await settings.SaveCalendarsAsync("""{"csirt":{"timeZone":"Europe/Berlin","hours":{"Saturday":["10:00-14:00"]},"holidays":"none","yearlyClosures":[],"closedDates":[]}}""", CancellationToken.None);
        Assert.Empty(saved);
        var calendar = (await settings.CalendarsAsync(CancellationToken.None))("csirt");
        // Saturday 2026-12-05 10:00 Berlin + 2 business hours = 12:00 Berlin, on the only open day of that calendar.
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.FromHours(1)), calendar.Add(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(2)));
        Assert.Same(SirtDesk.Standards.Calendar.BusinessCalendar.DefaultJapan, (await settings.CalendarsAsync(CancellationToken.None))("psirt"));
    }
}

public sealed class SlaApiTests(FakeClockApp app) : SlaMonitorTestBase(app), IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task The_case_api_lists_cases_due_soon_and_breached_most_urgent_first()
    {
        await App.CreateStaffAsync("api-sla@example.com", "Coordinator", "psirt");
        var client = App.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync("api-sla@example.com"));
        var first = await OpenCaseAsync("API SLA 1");                // Tue 10:00
        App.Clock!.Advance(TimeSpan.FromHours(1));
        var second = await OpenCaseAsync("API SLA 2");               // Tue 11:00

        App.Clock.Advance(TimeSpan.FromHours(5.5));                   // Tue 16:30: first 6.5/8 h (81 %), second 5.5/8 h (69 %)
        var dueSoon = await client.GetFromJsonAsync<JsonElement>("/api/v1/cases?sla=due-soon");
        Assert.Equal(new[] { first }, dueSoon.EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToArray());
        var ack = dueSoon[0].GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "acknowledge");
        Assert.Equal("running", ack.GetProperty("state").GetString());
        Assert.Equal(81, ack.GetProperty("percentUsed").GetInt32());
        Assert.Equal(1.5, ack.GetProperty("remainingHours").GetDouble());

        App.Clock.Advance(TimeSpan.FromDays(1));                       // Wed 16:30: both past due
        var breached = await client.GetFromJsonAsync<JsonElement>("/api/v1/cases?sla=breached");
        Assert.Equal(new[] { first, second }, breached.EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToArray());
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{second}");
        Assert.Equal("breached", one.GetProperty("sla").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "acknowledge").GetProperty("state").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/cases?sla=later")).StatusCode);
    }
}
