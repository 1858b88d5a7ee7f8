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
}
