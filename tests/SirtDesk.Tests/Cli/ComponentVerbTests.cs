using Microsoft.EntityFrameworkCore;
using SirtDesk.Tests.Components;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cli;

public sealed class ComponentVerbTests
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "sirtdesk-verbs", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Osv_import_reads_a_zip_reports_what_it_did_and_skips_unchanged_advisories_the_second_time()
    {
        var connection = await TestDatabase.CreateAsync();
        var zip = OsvData.Zip(
            ("GHSA-1111-2222-3333", OsvData.Advisory("GHSA-1111-2222-3333", "2024-01-01T00:00:00Z", "npm", "lodash", "0", "4.17.21")),
            ("RUSTSEC-2024-0001", OsvData.Advisory("RUSTSEC-2024-0001", "2024-01-02T00:00:00Z", "crates.io", "smallvec", "1.0.0", "1.6.1")));

        var first = await SirtDeskProcess.RunAsync(dataDir, connection, null, "osv", "import", zip);
        var second = await SirtDeskProcess.RunAsync(dataDir, connection, null, "osv", "import", zip);
        var missing = await SirtDeskProcess.RunAsync(dataDir, connection, null, "osv", "import", Path.Combine(dataDir, "nothing-here"));
        var usage = await SirtDeskProcess.RunAsync(dataDir, connection, null, "osv", "import");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("2 advisories read: 2 added, 0 updated, 0 unchanged", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 added, 0 updated, 2 unchanged", second.Out, StringComparison.Ordinal);
        Assert.Equal(65, missing.Exit);
        Assert.Equal(64, usage.Exit);
    }

    [Fact]
    public async Task Sbom_import_stores_a_valid_bom_for_a_product_version_and_rejects_a_broken_one_with_the_reason()
    {
        var connection = await TestDatabase.CreateAsync();
        await using (var app = new SirtDeskApp { DataDir = dataDir, ConnectionString = connection })
        {
            await app.InitializeAsync();
            await app.WithDbAsync(async db =>
            {
                db.Add(new SirtDesk.Inventory.Product { Key = "cli-app", Kind = "product", NameJa = "CLI", NameEn = "CLI", Team = "psirt", Exposure = "internet", Deployment = "many" });
                return await db.SaveChangesAsync();
            });
        }
        var zip = OsvData.Zip(("GHSA-cli0-0001-0001", OsvData.Advisory("GHSA-cli0-0001-0001", "2024-01-01T00:00:00Z", "npm", "cli-dep", "0", "2.0.0")));
        var good = Path.Combine(dataDir, "good.json");
        var bad = Path.Combine(dataDir, "bad.json");
        await File.WriteAllTextAsync(good, FindingsTests.Bom(FindingsTests.Library("shell", "1.0.0", "pkg:npm/shell@1.0.0", FindingsTests.Library("cli-dep", "1.0.0", "pkg:npm/cli-dep@1.0.0"))));
        await File.WriteAllTextAsync(bad, """{"bomFormat":"CycloneDX","specVersion":"1.3","components":[]}""");

        var osv = await SirtDeskProcess.RunAsync(dataDir, connection, null, "osv", "import", zip);
        var imported = await SirtDeskProcess.RunAsync(dataDir, connection, null, "sbom", "import", "--product", "cli-app", "--version", "1.0", good);
        var rejected = await SirtDeskProcess.RunAsync(dataDir, connection, null, "sbom", "import", "--product", "cli-app", "--version", "2.0", bad);
        var unknown = await SirtDeskProcess.RunAsync(dataDir, connection, null, "sbom", "import", "--product", "nope", "--version", "1.0", good);
        var usage = await SirtDeskProcess.RunAsync(dataDir, connection, null, "sbom", "import", good);
        // The reason is worded in the process's language: Japanese under a Japanese locale.
        var japanese = SirtDeskProcess.Start(dataDir, connection, "sbom", "import", "--product", "cli-app", "--version", "2.0", bad);
        japanese.Environment["LANG"] = "ja_JP.UTF-8";
        japanese.Environment["LC_ALL"] = "ja_JP.UTF-8";
        using var process = System.Diagnostics.Process.Start(japanese)!;
        process.StandardInput.Close();
        var japaneseErr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(osv.Exit == 0, osv.Err);
        Assert.True(imported.Exit == 0, imported.Err);
        Assert.Contains("2 components, 1 new findings", imported.Out, StringComparison.Ordinal);
        Assert.Equal(65, rejected.Exit);
        Assert.Contains("/specVersion: must be one of 1.4, 1.5, 1.6 (CycloneDX JSON versions SirtDesk reads)", rejected.Err, StringComparison.Ordinal);
        Assert.Equal(65, process.ExitCode);
        Assert.Contains("SBOM を受け付けませんでした（何も保存していません）: /specVersion: 1.4, 1.5, 1.6 のいずれかでなければなりません", japaneseErr, StringComparison.Ordinal);
        Assert.Equal(65, unknown.Exit);
        Assert.Equal(64, usage.Exit);
    }
}
