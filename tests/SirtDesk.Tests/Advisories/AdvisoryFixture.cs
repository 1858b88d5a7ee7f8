using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Advisories;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Advisories;

/// <summary>Intent-named steps for advisory tests: a triaged case with a CVE, an advisory text, a publication by two people.</summary>
public static class AdvisorySteps
{
    public const string Vector31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"; // 6.1 Medium (FIRST calculator)

    /// <summary>A report (reporter credited by name) in a case triaged with <see cref="Vector31"/> and carrying <paramref name="cve"/>.</summary>
    public static async Task<string> TriagedCaseAsync(this SirtDeskApp app, string title, string cve)
    {
        var (number, _) = await app.SubmitReportAsync(SirtDeskApp.VulnerabilityReport(title));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.TrackingNumber == number);
        var opened = await scope.ServiceProvider.GetRequiredService<SirtDesk.Cases.CaseOperations>().OpenCaseAsync(report, "test", CancellationToken.None);
        var c = await db.Cases.SingleAsync(x => x.Id == opened.Id);
        c.CvssVector = Vector31;
        c.CvssScoreTenths = 61;
        await db.SaveChangesAsync();
        var (problems, _) = await scope.ServiceProvider.GetRequiredService<SirtDesk.Disclosure.DisclosureOperations>().ChangeCveIdsAsync(c, cve, "test", CancellationToken.None);
        Assert.Empty(problems);
        return c.Number;
    }

    public static AdvisoryContent Text(string tlp = "CLEAR", string cve = "CVE-2026-10001", string? fixedVersion = "5.2.2") => new()
    {
        Tlp = tlp,
        Title = new("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", "Cross-site scripting in Kumogawa Groupware"),
        Summary = new("検索画面にクロスサイトスクリプティングの脆弱性があります。", "The search page of Kumogawa Groupware is vulnerable to cross-site scripting."),
        Details = new("検索語がエスケープされずに表示されます。", "The search term is shown without escaping."),
        Impact = new("ログイン中の利用者のブラウザで任意のスクリプトが実行される可能性があります。", "An attacker can run script in a signed-in user's browser."),
        Workarounds = new("検索機能を無効にしてください。", "Turn off the search feature."),
        Products = [new AffectedProduct("Kumogawa Corp", "Kumogawa Groupware", "vers:generic/<5.2.2", fixedVersion)],
        CvssVector = Vector31,
        CweId = "CWE-79",
        CveIds = [cve],
        References = ["https://jvn.jp/jp/JVN00000000/"],
    };

    /// <summary>Creates, writes, submits (by the author) and approves (by a reviewer) an advisory; returns its number.</summary>
    public static async Task<string> PublishedAdvisoryAsync(this SirtDeskApp app, AdvisoryContent text, string? caseNumber = null)
    {
        caseNumber ??= await app.TriagedCaseAsync("公開用", text.CveIds.Count > 0 ? text.CveIds[0] : "");
        await using var scope = app.Services.CreateAsyncScope();
        var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
        var (advisory, problems) = await ops.CreateAsync([caseNumber], "author@example.com", CancellationToken.None);
        Assert.Empty(problems);
        Assert.Empty(await ops.SaveAsync(advisory!, text, null, "author@example.com", CancellationToken.None));
        Assert.Empty(await ops.SubmitForReviewAsync(advisory!, "author@example.com", CancellationToken.None));
        var refused = await ops.ApproveAndPublishAsync(advisory!, "reviewer@example.com", SirtDeskApp.BaseUrl, CancellationToken.None);
        Assert.True(refused.Count == 0, string.Join("; ", refused.Select(p => $"{p.Key} {p.Test} {p.Pointer} {p.Message}")));
        return advisory!.Number;
    }

    /// <summary>Prepares and publishes an update (new revision) of a published advisory.</summary>
    public static async Task UpdateAsync(this SirtDeskApp app, string number, Func<AdvisoryContent, AdvisoryContent> change, string summary)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
        var advisory = (await ops.FindAsync(number, CancellationToken.None))!;
        Assert.Empty(await ops.SaveAsync(advisory, change(advisory.Content), summary, "author@example.com", CancellationToken.None));
        Assert.Empty(await ops.SubmitForReviewAsync(advisory, "author@example.com", CancellationToken.None));
        Assert.Empty(await ops.ApproveAndPublishAsync(advisory, "reviewer@example.com", SirtDeskApp.BaseUrl, CancellationToken.None));
    }
}
