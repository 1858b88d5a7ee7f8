using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Sla;

/// <summary>The staff case list: every open case of the viewer's teams, most urgent first, a page at a time.</summary>
public sealed partial class CaseListTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task The_case_list_pages_through_every_open_case_in_the_order_of_urgency_and_shows_titles_inert()
    {
        // 130 open psirt cases whose clocks started a week and more ago, an hour apart (the older, the more urgent; all
        // past their acknowledgement target), one closed case, and
        // one csirt case the psirt coordinator must not see.
        var now = app.Clock!.GetUtcNow(); // frozen: every request below sees the same urgencies
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
            for (var i = 0; i < 130; i++)
            {
                db.Cases.Add(NewCase($"PSIRT-LIST-{i:D3}", "psirt", i == 7 ? "<script>alert('x')</script>" : $"list case {i}", now.AddDays(-7).AddHours(-i), CaseStatus.InProgress));
            }
            db.Cases.Add(NewCase("PSIRT-LIST-CLOSED", "psirt", "closed", now.AddDays(-30), CaseStatus.Closed));
            db.Cases.Add(NewCase("CSIRT-LIST-000", "csirt", "other team", now.AddDays(-30), CaseStatus.InProgress));
            await db.SaveChangesAsync();
        }
        await app.CreateStaffAsync("case-list@example.com", "Coordinator", "psirt");
        var staff = await app.SignInAsync("case-list@example.com");
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("case-list@example.com"));
        var listed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/cases")).EnumerateArray().ToList();
        var byUrgency = listed.Select(c => c.GetProperty("number").GetString()!).ToList();
        // The share used of each case's most used open clock, in the list's order: never rising.
        var used = listed.Select(c => c.GetProperty("sla").EnumerateArray()
            .Where(k => k.GetProperty("metAt").ValueKind == JsonValueKind.Null).Max(k => k.GetProperty("percentUsed").GetInt32())).ToList();

        var first = await staff.GetStringAsync("/staff/cases");
        var second = await staff.GetStringAsync("/staff/cases?page=2");
        var beyond = await staff.GetStringAsync("/staff/cases?page=99");

        Assert.Equal(130, byUrgency.Count);
        Assert.Equal(used.OrderDescending(), used);
        Assert.True(used[0] > used[^1], "the oldest cases have used more of their targets than the newest");
        Assert.Equal(byUrgency, [.. Rows(first), .. Rows(second)]);
        Assert.Equal(100, Rows(first).Count);
        Assert.Contains("data-page=\"1\" data-pages=\"2\" data-total=\"130\"", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\" href=\"/staff/cases?page=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\" href=\"/staff/cases?page=1\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Equal(Rows(second), Rows(beyond)); // a page past the end shows the last one
        Assert.DoesNotContain("PSIRT-LIST-CLOSED", first + second, StringComparison.Ordinal);
        Assert.DoesNotContain("CSIRT-LIST-000", first + second, StringComparison.Ordinal);
        var all = first + second;
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", all, StringComparison.Ordinal);

        // A filter keeps its value from page to page: every case is past its acknowledgement target.
        var breached = await staff.GetStringAsync("/staff/cases?sla=breached");
        Assert.Equal(Rows(first), Rows(breached));
        Assert.Contains("href=\"/staff/cases?sla=breached&amp;page=2\"", breached, StringComparison.Ordinal);
    }

    private static Case NewCase(string number, string team, string title, DateTimeOffset started, CaseStatus status) => new()
    {
        Number = number,
        Team = team,
        Title = title,
        Kind = "vulnerability",
        Status = status,
        OpenedAt = started,
        ClockStartedAt = started,
        ClosedAt = status == CaseStatus.Closed ? started.AddDays(1) : null,
    };

    private static List<string> Rows(string html) => [.. CaseRow().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-case=\"([^\"]+)\">")]
    private static partial Regex CaseRow();
}
