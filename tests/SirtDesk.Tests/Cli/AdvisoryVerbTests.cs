using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SirtDesk.Advisories;
using SirtDesk.Standards.Csaf;
using SirtDesk.Tests.Advisories;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cli;

/// <summary>The advisory verbs run as their own process on the data of a running app (same data directory / database).</summary>
public sealed class AdvisoryVerbTests(SirtDeskApp app) : IClassFixture<SirtDeskApp>
{
    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => SirtDeskProcess.RunAsync(app.DataDir, app.ConnectionString, null, args);

    [Fact]
    public async Task Advisory_list_prints_id_status_and_english_title_and_export_prints_csaf_cve_and_html()
    {
        var published = await app.PublishedAdvisoryAsync(AdvisorySteps.Text(cve: "CVE-2026-30001") with { CveIds = ["CVE-2026-30001", "CVE-2026-30002"] });
        await app.UpdateAsync(published, c => c with { Impact = new("情報漏えいの可能性があります。", "Information may leak.") }, "Impact clarified");
        string draft;
        string withdrawn;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ops = scope.ServiceProvider.GetRequiredService<AdvisoryOperations>();
            var caseNumber = await app.TriagedCaseAsync("下書き", "");
            draft = (await ops.CreateAsync([caseNumber], "author@example.com", CancellationToken.None)).Advisory!.Number;
            var other = (await ops.CreateAsync([caseNumber], "author@example.com", CancellationToken.None)).Advisory!;
            Assert.Empty(await ops.SaveAsync(other, AdvisorySteps.Text() with { Title = new("タブ\tを含む", "Title with a\ttab") }, null, "author@example.com", CancellationToken.None));
            Assert.Empty(await ops.WithdrawAsync(other, "author@example.com", "duplicate", CancellationToken.None));
            withdrawn = other.Number;
        }

        var list = await RunAsync("advisory", "list");
        Assert.True(list.Exit == 0, list.Err);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{published}\tpublished\tCross-site scripting in Kumogawa Groupware", lines);
        Assert.Contains($"{draft}\tdraft\t下書き", lines);
        Assert.Contains($"{withdrawn}\twithdrawn\tTitle with a tab", lines);
        Assert.All(lines, l => Assert.Matches("^[^\t]+\t(draft|in-review|published|withdrawn)\t[^\t]*$", l));

        var csaf = await RunAsync("advisory", "export", "--id", published, "--format", "csaf");
        Assert.True(csaf.Exit == 0, csaf.Err);
        var document = JsonNode.Parse(csaf.Out)!;
        Assert.Empty(CsafValidator.Validate(document));
        Assert.Equal("2", (string?)document["document"]!["tracking"]!["version"]);
        var stored = await app.WithDbAsync(db => db.Set<AdvisoryRevision>().Where(r => r.AdvisoryId == db.Set<Advisory>().Single(a => a.Number == published).Id).OrderBy(r => r.Number).Select(r => r.CsafJson).ToListAsync());
        Assert.Equal(stored[^1], csaf.Out);

        var japanese = await RunAsync("advisory", "export", "--id", published, "--format", "csaf", "--lang", "ja");
        var ja = JsonNode.Parse(japanese.Out)!;
        Assert.Empty(CsafValidator.Validate(ja));
        Assert.Equal("ja", (string?)ja["document"]!["lang"]);
        Assert.Equal("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", (string?)ja["document"]!["title"]);

        var draftCsaf = JsonNode.Parse((await RunAsync("advisory", "export", "--id", draft, "--format", "csaf")).Out)!;
        Assert.Equal("draft", (string?)draftCsaf["document"]!["tracking"]!["status"]);

        var cve = await RunAsync("advisory", "export", "--id", published, "--format", "cve");
        Assert.True(cve.Exit == 0, cve.Err);
        var records = cve.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["CVE-2026-30001", "CVE-2026-30002"], records.Select(r => (string?)r["cveMetadata"]!["cveId"]));
        Assert.All(records, r => Assert.Empty(CveRecordValidator.Validate(r)));

        var html = await RunAsync("advisory", "export", "--id", published, "--format", "html", "--lang", "ja");
        Assert.True(html.Exit == 0, html.Err);
        Assert.StartsWith("<!DOCTYPE html>", html.Out, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja\">", html.Out, StringComparison.Ordinal);
        Assert.Contains("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", html.Out, StringComparison.Ordinal);
        Assert.Contains("情報漏えいの可能性があります。", html.Out, StringComparison.Ordinal);
        Assert.Contains("Impact clarified", html.Out, StringComparison.Ordinal);
        // Labels come from the resources in the language asked for, the default revision summary too.
        Assert.Contains("<dt>アドバイザリ ID</dt>", html.Out, StringComparison.Ordinal);
        Assert.Contains("<h2>影響を受ける製品</h2><table><tr><th>ベンダ</th>", html.Out, StringComparison.Ordinal);
        Assert.Contains("<h2>更新履歴</h2>", html.Out, StringComparison.Ordinal);
        Assert.Matches(@"<tr><td>1</td><td>[0-9-]{10}</td><td>初版公開</td></tr>", html.Out);
        Assert.DoesNotContain("Initial public release", html.Out, StringComparison.Ordinal);
        var english = await RunAsync("advisory", "export", "--id", published, "--format", "html", "--lang", "en");
        Assert.True(english.Exit == 0, english.Err);
        Assert.Contains("<dt>Advisory ID</dt>", english.Out, StringComparison.Ordinal);
        Assert.Contains("<h2>Revision history</h2>", english.Out, StringComparison.Ordinal);
        Assert.Matches(@"<tr><td>1</td><td>[0-9-]{10}</td><td>Initial public release</td></tr>", english.Out);
        var draftHtml = await RunAsync("advisory", "export", "--id", draft, "--format", "html");
        Assert.Contains("<dt>ステータス</dt><dd>下書き</dd>", draftHtml.Out, StringComparison.Ordinal);

        Assert.Equal(64, (await RunAsync("advisory", "export", "--id", published, "--format", "pdf")).Exit);
        Assert.Equal(64, (await RunAsync("advisory", "export", "--format", "csaf")).Exit);
        var unknown = await RunAsync("advisory", "export", "--id", "SDA-1999-9999", "--format", "csaf");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("SDA-1999-9999", unknown.Err, StringComparison.Ordinal);
    }
}
