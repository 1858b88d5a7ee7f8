using System.IO.Compression;

namespace SirtDesk.Tests.Cli;

/// <summary>The <c>sirtdesk sbom match</c> contract, run as the real process without a database.</summary>
public sealed class SbomMatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sirtdesk-sbom").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Sbom = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
          "metadata": { "component": { "type": "application", "name": "product", "version": "2.0" } },
          "components": [
            { "type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20" },
            { "type": "library", "group": "@babel", "name": "traverse", "version": "7.22.0", "purl": "pkg:npm/%40babel/traverse@7.22.0",
              "components": [
                { "type": "library", "name": "Django", "version": "3.2.1", "purl": "pkg:pypi/Django@3.2.1?extra=argon2#django/contrib" } ] },
            { "type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20", "scope": "optional" },
            { "type": "library", "name": "Newtonsoft.Json", "version": "12.0.3", "purl": "pkg:nuget/Newtonsoft.Json@12.0.3" }
          ]
        }
        """;

    private static readonly (string Name, string Json)[] Advisories =
    [
        ("GHSA-35jh-r3h4-6jhm.json", """{"id":"GHSA-35jh-r3h4-6jhm","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2021-23337"],"affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.21"}]}]}]}"""),
        ("GHSA-67hx-6x53-jw92.json", """{"id":"GHSA-67hx-6x53-jw92","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"@babel/traverse"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"7.23.2"}]}]}]}"""),
        ("PYSEC-2021-98.json", """{"id":"PYSEC-2021-98","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"django"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"3.2"},{"fixed":"3.2.2"}]}]}]}"""),
        ("GHSA-5crp-9r3c-p9vr.json", """{"id":"GHSA-5crp-9r3c-p9vr","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"NuGet","name":"Newtonsoft.Json"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"13.0.1"}]}]}]}"""),
        ("GHSA-withdrawn.json", """{"id":"GHSA-withdrawn","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-01-02T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}"""),
    ];

    private const string Expected =
        "pkg:npm/%40babel/traverse@7.22.0\tGHSA-67hx-6x53-jw92\n" +
        "pkg:npm/lodash@4.17.20\tGHSA-35jh-r3h4-6jhm\n" +
        "pkg:nuget/Newtonsoft.Json@12.0.3\tGHSA-5crp-9r3c-p9vr\n" +
        "pkg:pypi/Django@3.2.1?extra=argon2#django/contrib\tPYSEC-2021-98\n";

    private (string Sbom, string Folder, string Zip) Files()
    {
        var sbom = Path.Combine(_dir, "bom.json");
        File.WriteAllText(sbom, Sbom);
        var folder = Path.Combine(_dir, "osv");
        Directory.CreateDirectory(folder);
        foreach (var (name, json) in Advisories)
        {
            File.WriteAllText(Path.Combine(folder, name), json);
        }
        var zip = Path.Combine(_dir, "all.zip");
        ZipFile.CreateFromDirectory(folder, zip);
        return (sbom, folder, zip);
    }

    [Fact]
    public async Task Matching_against_a_folder_and_a_zip_prints_sorted_unique_purl_tab_id_lines_without_a_database()
    {
        var (sbom, folder, zip) = Files();
        var dataDir = Path.Combine(_dir, "never-created");

        var fromFolder = await SirtDeskProcess.RunAsync(dataDir, null, null, "sbom", "match", "--sbom", sbom, "--osv", folder);
        var fromZip = await SirtDeskProcess.RunAsync(dataDir, null, null, "sbom", "match", "--sbom", sbom, "--osv", zip);

        Assert.True(fromFolder.Exit == 0, fromFolder.Err);
        Assert.Equal(Expected, fromFolder.Out);
        Assert.Equal(0, fromZip.Exit);
        Assert.Equal(Expected, fromZip.Out);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task No_match_exits_0_a_bad_sbom_exits_65_and_missing_options_exit_64()
    {
        var (sbom, folder, _) = Files();
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, Sbom.Replace("\"library\", \"name\": \"lodash\"", "\"library\"", StringComparison.Ordinal));
        var dataDir = Path.Combine(_dir, "data");

        var none = await SirtDeskProcess.RunAsync(dataDir, null, null, "sbom", "match", "--sbom", sbom, "--osv", empty);
        var invalid = await SirtDeskProcess.RunAsync(dataDir, null, null, "sbom", "match", "--sbom", bad, "--osv", folder);
        var usage = await SirtDeskProcess.RunAsync(dataDir, null, null, "sbom", "match", "--sbom", sbom);

        Assert.Equal(0, none.Exit);
        Assert.Equal("", none.Out);
        Assert.Equal(65, invalid.Exit);
        Assert.Equal("", invalid.Out);
        Assert.Contains("/components/0", invalid.Err, StringComparison.Ordinal);
        Assert.Equal(64, usage.Exit);
    }
}
