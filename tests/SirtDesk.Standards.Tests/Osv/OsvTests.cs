using System.IO.Compression;
using SirtDesk.Standards.Osv;
using PackageUrl = SirtDesk.Standards.Purl.Purl;

namespace SirtDesk.Standards.Tests.Osv;

/// <summary>
/// The OSV schema (ossf/osv-schema, docs/schema.md, "Evaluation" and the examples there) and STANDARDS.md
/// requirements 50–54.
/// </summary>
public sealed class OsvTests
{
    private static OsvAffected Affected(string ecosystem, string name, string rangeType, string events, string versions = "[]") =>
        OsvParser.Parse($$"""{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"{{ecosystem}}","name":"{{name}}"},"ranges":[{"type":"{{rangeType}}","events":{{events}}}],"versions":{{versions}}}]}""").Affected[0];

    [Fact]
    public void A_record_needs_only_id_and_a_utc_modified_time()
    {
        var a = OsvParser.Parse("""{"id":"OSV-2020-111","modified":"2021-03-09T04:49:05.965964Z"}""");
        Assert.Equal("OSV-2020-111", a.Id);
        Assert.Equal(new DateTimeOffset(2021, 3, 9, 4, 49, 5, TimeSpan.Zero).AddTicks(9659640), a.Modified);
        Assert.Null(OsvParser.Parse("""{"id":"OSV-2020-111","modified":"2021-03-09T04:49:05+09:00"}"""u8, out var error));
        Assert.Contains("modified", error, StringComparison.Ordinal);
        Assert.Null(OsvParser.Parse("""{"modified":"2021-03-09T04:49:05Z"}"""u8, out _));
    }

    [Fact]
    public void The_schema_example_record_is_read_with_aliases_severity_and_ranges()
    {
        // Shape of the example in osv-schema docs/schema.md (a GHSA record), trimmed to what SirtDesk reads.
        var a = OsvParser.Parse("""
            {
              "schema_version": "1.6.0",
              "id": "GHSA-c3g4-w6cv-6v7h",
              "modified": "2022-04-01T13:56:42Z",
              "published": "2022-03-22T00:00:24Z",
              "aliases": ["CVE-2022-0001"],
              "summary": "Prototype pollution",
              "details": "A long Markdown text that is skipped",
              "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
              "affected": [{
                "package": {"ecosystem": "npm", "name": "minimist", "purl": "pkg:npm/minimist"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.2.4"}, {"introduced": "1.0.0"}, {"fixed": "1.2.6"}]}],
                "database_specific": {"source": "x"}
              }],
              "references": [{"type": "ADVISORY", "url": "https://example.org"}]
            }
            """);
        Assert.Equal(["CVE-2022-0001"], a.Aliases);
        Assert.Equal("CVSS_V3", a.Severity[0].Type);
        Assert.Equal("pkg:npm/minimist", a.Affected[0].Package!.Purl);
        Assert.Equal(4, a.Affected[0].Ranges[0].Events.Count);
        Assert.True(OsvRangeEvaluator.IsAffected(a.Affected[0], "0.2.3"));
        Assert.False(OsvRangeEvaluator.IsAffected(a.Affected[0], "0.2.4"));
        Assert.False(OsvRangeEvaluator.IsAffected(a.Affected[0], "0.9.0"));
        Assert.True(OsvRangeEvaluator.IsAffected(a.Affected[0], "1.2.5"));
        Assert.False(OsvRangeEvaluator.IsAffected(a.Affected[0], "1.2.6"));
    }

    [Fact]
    public void Introduced_zero_and_fixed_cover_every_earlier_version_including_prereleases_of_the_fix()
    {
        // Requirement 51.
        var a = Affected("npm", "p", "SEMVER", """[{"introduced":"0"},{"fixed":"1.2.3"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(a, "1.2.2"));
        Assert.False(OsvRangeEvaluator.IsAffected(a, "1.2.3"));
        Assert.True(OsvRangeEvaluator.IsAffected(a, "1.2.3-rc1"));
        Assert.True(OsvRangeEvaluator.IsAffected(a, "0.0.1"));
    }

    [Fact]
    public void Last_affected_includes_its_version_and_cannot_be_mixed_with_fixed()
    {
        // Requirement 52.
        var a = Affected("Go", "example.com/m", "SEMVER", """[{"introduced":"0"},{"last_affected":"1.5.0"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(a, "v1.5.0"));
        Assert.False(OsvRangeEvaluator.IsAffected(a, "v1.5.1"));
        Assert.Null(OsvParser.Parse("""{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2"},{"last_affected":"1.5.0"}]}]}]}"""u8, out var error));
        Assert.Contains("last_affected", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_with_two_keys_or_a_git_range_without_repo_is_rejected()
    {
        // Requirement 53.
        Assert.Null(OsvParser.Parse("""{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]}"""u8, out _));
        Assert.Null(OsvParser.Parse("""{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"},"ranges":[{"type":"GIT","events":[{"introduced":"0"}]}]}]}"""u8, out var error));
        Assert.Contains("repo", error, StringComparison.Ordinal);
        Assert.Null(OsvParser.Parse("""{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1"}]}]}]}"""u8, out _));
    }

    [Fact]
    public void A_version_at_or_above_every_limit_is_not_affected()
    {
        // Requirement 54; limit "*" is infinity.
        var a = Affected("PyPI", "p", "ECOSYSTEM", """[{"introduced":"1.0"},{"limit":"2.0"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(a, "1.5"));
        Assert.False(OsvRangeEvaluator.IsAffected(a, "2.0"));
        Assert.False(OsvRangeEvaluator.IsAffected(a, "3.0"));
        Assert.False(OsvRangeEvaluator.IsAffected(a, "0.9"));
        var star = Affected("PyPI", "p", "ECOSYSTEM", """[{"introduced":"1.0"},{"limit":"*"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(star, "99"));
    }

    [Fact]
    public void Ecosystem_ranges_use_the_ecosystem_ordering()
    {
        // PEP 440: 1.0rc1 is before 1.0, so it is inside [0.9, 1.0).
        var py = Affected("PyPI", "django", "ECOSYSTEM", """[{"introduced":"0.9"},{"fixed":"1.0"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(py, "1.0rc1"));
        Assert.False(OsvRangeEvaluator.IsAffected(py, "1.0.post1"));
        // Maven: 2.9.10.1 is inside [2.9.0, 2.9.10.2).
        var mvn = Affected("Maven", "com.fasterxml.jackson.core:jackson-databind", "ECOSYSTEM", """[{"introduced":"2.9.0"},{"fixed":"2.9.10.2"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(mvn, "2.9.10.1"));
        Assert.False(OsvRangeEvaluator.IsAffected(mvn, "2.9.10.2"));
        // NuGet: 4.0 equals 4.0.0.
        var nuget = Affected("NuGet", "Newtonsoft.Json", "ECOSYSTEM", """[{"introduced":"0"},{"fixed":"13.0.1"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(nuget, "12.0.3"));
        Assert.False(OsvRangeEvaluator.IsAffected(nuget, "13.0.1.0"));
        // RubyGems: a prerelease of the fix is still affected.
        var gem = Affected("RubyGems", "rails", "ECOSYSTEM", """[{"introduced":"6.0.0"},{"fixed":"6.1.7"}]""");
        Assert.True(OsvRangeEvaluator.IsAffected(gem, "6.1.7.rc1"));
        Assert.False(OsvRangeEvaluator.IsAffected(gem, "6.1.7"));
    }

    [Fact]
    public void Unordered_ecosystems_match_only_through_the_versions_list_and_git_ranges_are_ignored()
    {
        var deb = Affected("Debian:12", "openssl", "ECOSYSTEM", """[{"introduced":"0"},{"fixed":"3.0.11-1~deb12u1"}]""", """["3.0.9-1"]""");
        Assert.True(OsvRangeEvaluator.IsAffected(deb, "3.0.9-1"));
        Assert.False(OsvRangeEvaluator.IsAffected(deb, "3.0.8-1"));
        var git = OsvParser.Parse("""{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"p"},"ranges":[{"type":"GIT","repo":"https://github.com/x/p","events":[{"introduced":"0"}]}]}]}""");
        Assert.False(OsvRangeEvaluator.IsAffected(git.Affected[0], "1.0.0"));
        // The versions list holds exact version strings; Go's "v" prefix (absent in OSV) is ignored.
        var go = Affected("Go", "example.com/m", "SEMVER", """[{"introduced":"5.0.0"}]""", """["1.2.3"]""");
        Assert.True(OsvRangeEvaluator.IsAffected(go, "v1.2.3"));
        Assert.True(OsvRangeEvaluator.IsAffected(go, "1.2.3"));
        var pypi = Affected("PyPI", "p", "ECOSYSTEM", """[{"introduced":"9"}]""", """["1.0"]""");
        Assert.False(OsvRangeEvaluator.IsAffected(pypi, "1.0.0"));
    }

    [Fact]
    public void The_index_maps_purl_types_to_ecosystems_and_never_matches_withdrawn_advisories()
    {
        var index = OsvIndex.Build([
            OsvParser.Parse("""{"id":"GHSA-a","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"@Babel/Core"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"7.1.0"}]}]}]}"""),
            OsvParser.Parse("""{"id":"PYSEC-b","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"Zope.Interface"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"5.0"}]}]}]}"""),
            OsvParser.Parse("""{"id":"GO-c","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"golang.org/x/net"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"0.7.0"}]}]}]}"""),
            OsvParser.Parse("""{"id":"GHSA-d","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Maven","name":"org.apache.logging.log4j:log4j-core"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.0-beta9"},{"fixed":"2.15.0"}]}]}]}"""),
            OsvParser.Parse("""{"id":"GHSA-e","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"@babel/core"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}"""),
        ]);
        Assert.Equal(["GHSA-a"], index.Match(PackageUrl.Parse("pkg:npm/%40babel/core@7.0.0")));
        Assert.Empty(index.Match(PackageUrl.Parse("pkg:npm/%40babel/core@7.1.0")));
        Assert.Equal(["PYSEC-b"], index.Match(PackageUrl.Parse("pkg:pypi/zope-interface@4.7.1")));
        Assert.Equal(["GO-c"], index.Match(PackageUrl.Parse("pkg:golang/golang.org/x/net@v0.6.0")));
        Assert.Equal(["GHSA-d"], index.Match(PackageUrl.Parse("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar")));
        Assert.Empty(index.Match(PackageUrl.Parse("pkg:maven/org.apache.logging.log4j/log4j-core@2.0-beta8")));
        Assert.Empty(index.Match(PackageUrl.Parse("pkg:npm/%40babel/core")));
        Assert.Null(index.Find("GHSA-e"));
        // A later withdrawal removes an advisory that was indexed before.
        index.Add(OsvParser.Parse("""{"id":"GHSA-a","modified":"2024-03-01T00:00:00Z","withdrawn":"2024-03-01T00:00:00Z"}"""));
        Assert.Empty(index.Match(PackageUrl.Parse("pkg:npm/%40babel/core@7.0.0")));
    }

    [Fact]
    public void A_zip_and_a_folder_give_the_same_records_in_name_order()
    {
        var dir = Directory.CreateTempSubdirectory("osv-src").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "f", "sub"));
            File.WriteAllText(Path.Combine(dir, "f", "b.json"), """{"id":"B","modified":"2024-01-01T00:00:00Z"}""");
            File.WriteAllText(Path.Combine(dir, "f", "sub", "a.json"), """{"id":"A","modified":"2024-01-01T00:00:00Z"}""");
            File.WriteAllText(Path.Combine(dir, "f", "bad.json"), """{"id":"C"}""");
            File.WriteAllText(Path.Combine(dir, "f", "readme.txt"), "not json");
            ZipFile.CreateFromDirectory(Path.Combine(dir, "f"), Path.Combine(dir, "all.zip"));

            var fromFolder = OsvSource.Read(Path.Combine(dir, "f")).ToList();
            var fromZip = OsvSource.Read(Path.Combine(dir, "all.zip")).ToList();
            Assert.Equal(["B", null, "A"], fromFolder.Select(r => r.Advisory?.Id));
            Assert.Equal(fromFolder.Select(r => r.Advisory?.Id), fromZip.Select(r => r.Advisory?.Id));
            Assert.Contains("modified", fromZip[1].Error, StringComparison.Ordinal);
            Assert.Equal(fromFolder.Select(r => r.Advisory?.Id), OsvSource.ReadParallel(Path.Combine(dir, "f")).Select(r => r.Advisory?.Id));
            Assert.Equal(fromFolder.Select(r => r.Advisory?.Id), OsvSource.ReadParallel(Path.Combine(dir, "all.zip")).Select(r => r.Advisory?.Id));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
