using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Resolution;

public sealed class ResolutionTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private async Task<(HttpClient Staff, string CasePath)> CaseAsync(string email, string title)
    {
        if (!await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)))
        {
            await app.CreateStaffAsync(email, "Coordinator", "psirt");
        }
        var staff = await app.SignInAsync(email);
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport(title));
        var opened = await staff.PostFormAsync($"/staff/reports/{number}?handler=OpenCase", [], formPage: $"/staff/reports/{number}");
        return (staff, opened.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_library_is_seeded_bilingual_and_staff_add_and_edit_entries()
    {
        var (staff, _) = await CaseAsync("library@example.com", "ライブラリ");

        var page = await staff.GetStringAsync("/staff/recommendations");
        Assert.Contains("管理者アカウントに多要素認証を必須とする", page, StringComparison.Ordinal);
        Assert.Contains("Enable MFA for administrative accounts", page, StringComparison.Ordinal);

        var added = await staff.PostFormAsync("/staff/recommendations?handler=Add", new() { ["titleJa"] = "バックアップを定期的に検証する", ["titleEn"] = "Test backups regularly", ["textJa"] = "復元手順を含めて確認します。", ["textEn"] = "Including the restore procedure." }, formPage: "/staff/recommendations");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var entry = await app.WithDbAsync(db => db.Recommendations.SingleAsync(r => r.TitleEn == "Test backups regularly"));
        Assert.True(entry.Id > 5);

        var edited = await staff.PostFormAsync("/staff/recommendations?handler=Edit", new() { ["id"] = entry.Id.ToString(), ["titleJa"] = "バックアップの復元を定期的に検証する", ["titleEn"] = "Test restoring backups regularly", ["textJa"] = "", ["textEn"] = "" }, formPage: "/staff/recommendations");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Test restoring backups regularly", await app.WithDbAsync(db => db.Recommendations.Where(r => r.Id == entry.Id).Select(r => r.TitleEn).SingleAsync()));

        var empty = await staff.PostFormAsync("/staff/recommendations?handler=Add", new() { ["titleJa"] = "", ["titleEn"] = "x" }, formPage: "/staff/recommendations");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task A_recommendation_goes_from_proposed_to_done_on_the_follow_up_list_until_it_is_done()
    {
        var (staff, casePath) = await CaseAsync("follow-up@example.com", "再発防止策のある案件");
        var number = casePath.Split('/')[^1];
        var resolution = casePath + "/resolution";

        await staff.PostFormAsync($"{resolution}?handler=RootCause", new() { ["whatHappened"] = "管理画面に不正ログイン", ["why"] = "初期パスワードのまま", ["contributingFactors"] = "管理画面がインターネットに公開されていた" }, formPage: resolution);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync($"{resolution}?handler=Propose", new() { ["recommendationId"] = "1" }, formPage: resolution)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostFormAsync($"{resolution}?handler=Propose", new() { ["recommendationId"] = "1" }, formPage: resolution)).StatusCode);

        var followUp = await staff.GetStringAsync("/staff/follow-up");
        Assert.Contains($"data-case=\"{number}\" data-status=\"Proposed\"", followUp, StringComparison.Ordinal);

        var itemId = await app.WithDbAsync(db => db.CaseRecommendations.Where(r => r.Case!.Number == number).Select(r => r.Id).SingleAsync());
        await staff.PostFormAsync($"{resolution}?handler=Status", new() { ["id"] = itemId.ToString(), ["status"] = "Accepted" }, formPage: resolution);
        Assert.Contains($"data-case=\"{number}\" data-status=\"Accepted\"", await staff.GetStringAsync("/staff/follow-up"), StringComparison.Ordinal);

        var token = await app.CreateTokenAsync("follow-up@example.com");
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var json = JsonDocument.Parse(await api.GetStringAsync("/api/v1/follow-up")).RootElement;
        Assert.Contains(json.EnumerateArray(), e => e.GetProperty("case").GetString() == number && e.GetProperty("status").GetString() == "accepted");

        await staff.PostFormAsync($"{resolution}?handler=Status", new() { ["id"] = itemId.ToString(), ["status"] = "Done" }, formPage: resolution);
        Assert.DoesNotContain($"data-case=\"{number}\"", await staff.GetStringAsync("/staff/follow-up"), StringComparison.Ordinal);

        var page = await staff.GetStringAsync(resolution);
        Assert.Contains("初期パスワードのまま", page, StringComparison.Ordinal);
        var caseId = await app.WithDbAsync(db => db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync());
        var timeline = await app.WithDbAsync(db => db.Timeline.Where(t => t.CaseId == caseId).OrderBy(t => t.Id).Select(t => t.Action + " " + (t.Detail ?? "")).ToListAsync());
        Assert.Contains("case.root-cause ", timeline);
        Assert.Contains("case.recommendation 管理者アカウントに多要素認証を必須とする / Enable MFA for administrative accounts: → Proposed", timeline);
        Assert.Contains("case.recommendation 管理者アカウントに多要素認証を必須とする / Enable MFA for administrative accounts: Accepted → Done", timeline);
    }

    [Fact]
    public async Task Legal_reads_the_resolution_but_cannot_change_it()
    {
        var (_, casePath) = await CaseAsync("resolution-coord@example.com", "法務が見る解決");
        await app.CreateStaffAsync("resolution-legal@example.com", "Legal", "psirt");
        var legal = await app.SignInAsync("resolution-legal@example.com");
        var resolution = casePath + "/resolution";

        Assert.Equal(HttpStatusCode.OK, (await legal.GetAsync(resolution)).StatusCode);
        var attempt = await legal.PostFormAsync($"{resolution}?handler=Propose", new() { ["recommendationId"] = "2" }, formPage: resolution);

        Assert.NotEqual(HttpStatusCode.OK, attempt.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CaseRecommendations.AnyAsync(r => "/staff/cases/" + r.Case!.Number == casePath)));
    }
}
