using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Cases;
using SirtDesk.Tests.Infrastructure;
using SirtDesk.Triage;

namespace SirtDesk.Tests.Triage;

public sealed class TriageTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private async Task<(HttpClient Staff, string CaseNumber)> CaseWithAnalystAsync(string email)
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport("トリアージ対象 " + email));
        await app.CreateStaffAsync(email, "Analyst", "psirt");
        var staff = await app.SignInAsync(email);
        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");
        return (staff, opened.Headers.Location!.OriginalString["/staff/cases/".Length..]);
    }

    [Fact]
    public async Task Choosing_the_base_metrics_without_javascript_scores_the_case_and_explains_the_severity()
    {
        var (staff, number) = await CaseWithAnalystAsync("triage-buttons@example.com");
        var fields = new Dictionary<string, string>
        {
            ["version"] = "3.1",
            ["m3_AV"] = "N",
            ["m3_AC"] = "L",
            ["m3_PR"] = "N",
            ["m3_UI"] = "N",
            ["m3_S"] = "U",
            ["m3_C"] = "H",
            ["m3_I"] = "N",
            ["m3_A"] = "N",
            ["factor_exploit"] = "public",
            ["factor_exposure"] = "on-premise",
            ["reason"] = "PoC が公開された",
        };

        var saved = await staff.PostFormAsync($"/staff/cases/{number}/triage", fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await staff.GetStringAsync($"/staff/cases/{number}");
        // CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N is 7.5 High (FIRST v3.1 calculator); +1 public exploit, −1 on-premise.
        Assert.Contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", page, StringComparison.Ordinal);
        var explained = System.Text.RegularExpressions.Regex.Match(page, "id=\"severity-explanation\">([^<]*)<").Groups[1].Value;
        Assert.Equal("CVSS 7.5 HIGH、攻撃コード公開済み: +1 段階、オンプレミス製品のみ: −1 段階 → 重要", System.Net.WebUtility.HtmlDecode(explained));
        var stored = await app.WithDbAsync(db => db.Cases.SingleAsync(c => c.Number == number));
        Assert.Equal("base 7.5 High; exploit public: +1 level; on-premise only: −1 level → High", stored.SeverityExplanationEn);
        var timeline = await app.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == stored.Id && t.Action == "case.rescored").Select(t => t.Detail).SingleAsync());
        Assert.Equal("- → CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N (7.5) High — PoC が公開された", timeline);
    }

    [Fact]
    public async Task A_pasted_v4_vector_rescoring_keeps_old_and_new_in_the_timeline_and_the_api_shows_it()
    {
        var (staff, number) = await CaseWithAnalystAsync("triage-paste@example.com");
        await staff.PostFormAsync($"/staff/cases/{number}/triage", new() { ["vector"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" });

        // CVSS-B 9.3 Critical: FIRST v4.0 specification example vector, reference score 9.3.
        await staff.PostFormAsync($"/staff/cases/{number}/triage", new() { ["vector"] = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ["factor_exposure"] = "internal", ["reason"] = "v4 へ移行" });

        var details = await app.WithDbAsync(db => db.Timeline.Where(t => db.Cases.Any(c => c.Number == number && c.Id == t.CaseId) && t.Action == "case.rescored").OrderBy(t => t.Id).Select(t => t.Detail!).ToListAsync());
        Assert.Equal(2, details.Count);
        Assert.StartsWith("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H (9.8) Critical → CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N (9.3) High", details[1], StringComparison.Ordinal);

        await app.CreateStaffAsync("triage-api@example.com", "Coordinator", "psirt");
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync("triage-api@example.com"));
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal(9.3, json.GetProperty("cvss").GetProperty("baseScore").GetDouble());
        Assert.Equal("4.0", json.GetProperty("cvss").GetProperty("version").GetString());
        Assert.Equal("high", json.GetProperty("severity").GetProperty("level").GetString());
        Assert.Equal("重要", json.GetProperty("severity").GetProperty("labelJa").GetString());
        Assert.Contains("internal network only: −1 level", json.GetProperty("severity").GetProperty("explanationEn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_vector_is_refused_with_the_engines_reason_and_changes_nothing()
    {
        var (staff, number) = await CaseWithAnalystAsync("triage-invalid@example.com");

        var response = await staff.PostFormAsync($"/staff/cases/{number}/triage", new() { ["vector"] = "CVSS:3.1/AV:N/AC:L/PR:Q/UI:N/S:U/C:H/I:H/A:H" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PR:Q is not a valid value", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.CvssVector).SingleAsync()));
    }

    [Fact]
    public async Task The_live_score_endpoint_uses_the_same_engine()
    {
        var (staff, _) = await CaseWithAnalystAsync("triage-live@example.com");

        var ok = await staff.GetFromJsonAsync<JsonElement>("/staff/cvss/score?vector=" + Uri.EscapeDataString("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        var bad = await staff.GetFromJsonAsync<JsonElement>("/staff/cvss/score?vector=" + Uri.EscapeDataString("CVSS:3.1/AV:N"));

        Assert.Equal("9.8", ok.GetProperty("score").GetString());
        Assert.Equal("CRITICAL", ok.GetProperty("severity").GetString());
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal("metric AC missing", bad.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_new_policy_reassesses_open_cases_in_the_timeline_and_never_touches_closed_ones()
    {
        var (staff, open) = await CaseWithAnalystAsync("triage-policy@example.com");
        var (_, closedNumber) = await CaseWithAnalystAsync("triage-policy-2@example.com");
        var staff2 = await app.SignInAsync("triage-policy-2@example.com");
        const string medium = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N"; // 4.2 Medium
        await staff.PostFormAsync($"/staff/cases/{open}/triage", new() { ["vector"] = medium, ["factor_data"] = "sensitive" });
        await staff2.PostFormAsync($"/staff/cases/{closedNumber}/triage", new() { ["vector"] = medium, ["factor_data"] = "sensitive" });
        await staff2.PostFormAsync($"/staff/cases/{closedNumber}?handler=Status", new() { ["status"] = "Closed" }, formPage: $"/staff/cases/{closedNumber}");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<SeverityPolicyStore>();
            var current = await store.GetAsync(CancellationToken.None);
            var stricter = current with
            {
                Factors = [.. current.Factors.Select(f => f.Key != "data" ? f : f with { Options = [.. f.Options.Select(o => o.Value == "sensitive" ? o with { Adjustment = 2 } : o)] })],
            };
            Assert.Empty(await store.SaveAsync(JsonSerializer.Serialize(stricter, SeverityPolicy.Json), "lead@example.com", CancellationToken.None));
        }

        var cases = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == open || c.Number == closedNumber).ToDictionaryAsync(c => c.Number));
        Assert.Equal(InternalSeverity.Critical, cases[open].Severity);
        Assert.Equal(InternalSeverity.High, cases[closedNumber].Severity);
        var reassessed = await app.WithDbAsync(db => db.Timeline.Where(t => t.Action == "case.severity-policy").Select(t => t.CaseId).ToListAsync());
        Assert.Contains(cases[open].Id, reassessed);
        Assert.DoesNotContain(cases[closedNumber].Id, reassessed);
    }
}
