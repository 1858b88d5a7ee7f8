using System.IO.Compression;
using System.Text;
using SirtDesk.Standards.Sbom;

namespace SirtDesk.Standards.Tests.Sbom;

public sealed class SbomMatchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sbom-match").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Osv(params (string File, string Json)[] records)
    {
        var folder = Path.Combine(_dir, "osv");
        Directory.CreateDirectory(folder);
        foreach (var (file, json) in records)
        {
            var path = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
        }
        return folder;
    }

    private static string Record(string id, string ecosystem, string name, string events, string extra = "") =>
        $$"""{"id":"{{id}}","modified":"2024-01-01T00:00:00Z"{{extra}},"affected":[{"package":{"ecosystem":"{{ecosystem}}","name":"{{name}}"},"ranges":[{"type":"{{(ecosystem is "npm" or "Go" ? "SEMVER" : "ECOSYSTEM")}}","events":{{events}}}]}]}""";

    private (int Exit, string Out, string Err) Run(string sbomFile, string osvPath)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = SbomMatchCommand.Run(Path.Combine(AppContext.BaseDirectory, "TestData", "sbom", sbomFile), osvPath, stdout, stderr);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public void Odd_purls_match_and_print_as_written_in_byte_order_without_duplicates()
    {
        var osv = Osv(
            ("1.json", Record("GHSA-ng", "npm", "@angular/core", """[{"introduced":"10.0.0"},{"last_affected":"11.0.0"}]""")),
            ("2.json", Record("GHSA-log4shell", "Maven", "org.apache.logging.log4j:log4j-core", """[{"introduced":"2.0-beta9"},{"fixed":"2.15.0"}]""")),
            ("3.json", Record("GO-2023-1571", "Go", "golang.org/x/net", """[{"introduced":"0"},{"fixed":"0.7.0"}]""")),
            ("4.json", Record("PYSEC-zope", "PyPI", "zope.interface", """[{"introduced":"0"},{"fixed":"5.0"}]""")),
            ("5.json", Record("GHSA-cafe", "NuGet", "café.core", """[{"introduced":"0"},{"fixed":"1.0.1"}]""")),
            ("6.json", Record("GHSA-also-ng", "npm", "@angular/core", """[{"introduced":"11.0.0"},{"fixed":"11.0.5"}]""")),
            ("7.json", Record("GHSA-gone", "npm", "@angular/core", """[{"introduced":"0"}]""", ""","withdrawn":"2024-02-01T00:00:00Z" """)),
            ("8.json", Record("GHSA-other", "npm", "left-pad", """[{"introduced":"0"}]""")));

        var (exit, output, _) = Run("odd-purls-1.6.json", osv);

        Assert.Equal(0, exit);
        Assert.Equal(
            "pkg:golang/golang.org/x/net@v0.6.0#html/atom\tGO-2023-1571\n" +
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar&classifier=sources\tGHSA-log4shell\n" +
            "pkg:npm/%40angular/core@11.0.0\tGHSA-also-ng\n" +
            "pkg:npm/%40angular/core@11.0.0\tGHSA-ng\n" +
            "pkg:nuget/Caf%C3%A9.Core@1.0.0\tGHSA-cafe\n" +
            "pkg:pypi/Zope_Interface@4.7.1\tPYSEC-zope\n",
            output);
    }

    [Fact]
    public void Nothing_affected_prints_nothing_and_exits_0()
    {
        var osv = Osv(("1.json", Record("GHSA-x", "npm", "lodash", """[{"introduced":"0"},{"fixed":"4.17.20"}]""")));
        var (exit, output, _) = Run("minimal-1.4.json", osv);
        Assert.Equal(0, exit);
        Assert.Equal("", output);
    }

    [Fact]
    public void Lines_sort_by_utf8_bytes_not_by_utf16_code_units()
    {
        // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in UTF-8 byte order; UTF-16 ordinal order is the reverse.
        var sbom = Path.Combine(_dir, "unicode.json");
        File.WriteAllText(sbom, """
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
              {"type":"library","name":"e","version":"1.0.0","purl":"pkg:npm/\uD83D\uDE00@1.0.0"},
              {"type":"library","name":"f","version":"1.0.0","purl":"pkg:npm/\uFF5E@1.0.0"}]}
            """);
        var osv = Osv(
            ("1.json", Record("A-1", "npm", "\uD83D\uDE00", """[{"introduced":"0"}]""")),
            ("2.json", Record("A-2", "npm", "\uFF5E", """[{"introduced":"0"}]""")));
        using var stdout = new MemoryStream();
        Assert.Equal(0, SbomMatchCommand.Run(sbom, osv, stdout, TextWriter.Null));
        Assert.Equal("pkg:npm/\uFF5E@1.0.0\tA-2\npkg:npm/\uD83D\uDE00@1.0.0\tA-1\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void A_zip_gives_the_same_lines_as_the_folder()
    {
        var osv = Osv(("a/1.json", "{}"), ("2.json", Record("GHSA-rails", "RubyGems", "rails", """[{"introduced":"6.0.0"},{"fixed":"6.1.7"}]""")));
        var zip = Path.Combine(_dir, "all.zip");
        ZipFile.CreateFromDirectory(osv, zip);
        var folder = Run("minimal-1.4.json", osv);
        var zipped = Run("minimal-1.4.json", zip);
        Assert.Equal("pkg:gem/rails@6.1.7.rc1\tGHSA-rails\n", folder.Out);
        Assert.Equal(folder.Out, zipped.Out);
        Assert.Equal(0, zipped.Exit);
    }

    [Fact]
    public void A_bad_sbom_exits_65_with_the_reason_and_prints_nothing()
    {
        var (exit, output, error) = Run("bad-component-type-1.6.json", Osv());
        Assert.Equal(65, exit);
        Assert.Equal("", output);
        Assert.Contains("/components/1/components/0/type", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_exits_65()
    {
        var notZip = Path.Combine(_dir, "osv.zip");
        File.WriteAllText(notZip, "plain text");
        Assert.Equal(65, Run("minimal-1.4.json", notZip).Exit);
    }
}
