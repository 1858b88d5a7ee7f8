using SirtDesk.Standards.Versions;

namespace SirtDesk.Standards.Tests.Versions;

/// <summary>
/// Each ecosystem's ordering checked against the examples in that ecosystem's own documentation.
/// <see cref="AssertAscending"/> checks every pair of a list, not only neighbours.
/// </summary>
public sealed class VersionOrderingTests
{
    private static void AssertAscending(VersionScheme scheme, params string[] versions)
    {
        for (var i = 0; i < versions.Length; i++)
        {
            for (var j = 0; j < versions.Length; j++)
            {
                var expected = Math.Sign(i.CompareTo(j));
                var actual = scheme.Compare(versions[i], versions[j]);
                Assert.True(actual == expected, $"{scheme.Name}: {versions[i]} vs {versions[j]}: expected {expected}, got {actual?.ToString() ?? "unparsable"}");
            }
        }
    }

    private static void AssertEqual(VersionScheme scheme, string left, string right) =>
        Assert.True(scheme.Compare(left, right) == 0, $"{scheme.Name}: {left} should equal {right}, got {scheme.Compare(left, right)?.ToString() ?? "unparsable"}");

    [Fact]
    public void SemVer_precedence_follows_the_examples_of_semver_org_section_11()
    {
        // semver.org 2.0.0 §11.2 and §11.4 examples.
        AssertAscending(VersionScheme.SemVer, "1.0.0", "2.0.0", "2.1.0", "2.1.1");
        AssertAscending(VersionScheme.SemVer, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
        // §11.3: a pre-release version has lower precedence than the normal version.
        AssertAscending(VersionScheme.SemVer, "1.0.0-alpha", "1.0.0");
    }

    [Fact]
    public void SemVer_ignores_build_metadata_and_reads_go_versions()
    {
        // semver.org §10: build metadata MUST be ignored when determining precedence.
        AssertEqual(VersionScheme.SemVer, "1.0.0+20130313144700", "1.0.0");
        AssertEqual(VersionScheme.SemVer, "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta");
        // Go modules: a v prefix, +incompatible for v2+ modules without go.mod (build metadata), pseudo-versions are pre-releases.
        AssertEqual(VersionScheme.SemVer, "v1.2.3", "1.2.3");
        AssertEqual(VersionScheme.SemVer, "v2.0.0+incompatible", "2.0.0");
        AssertAscending(VersionScheme.SemVer, "v0.0.0-20191109021931-daa7c04131f5", "v0.1.0", "v1.9.0", "v1.10.0");
        // Numeric identifiers compare numerically even beyond 64 bits.
        AssertAscending(VersionScheme.SemVer, "1.0.0-99999999999999999999", "1.0.0-100000000000000000000", "1.0.0-a");
    }

    [Fact]
    public void SemVer_rejects_text_that_is_not_a_version()
    {
        Assert.Null(VersionScheme.SemVer.Parse("1.2.3.4"));
        Assert.Null(VersionScheme.SemVer.Parse("1.2.3-"));
        Assert.Null(VersionScheme.SemVer.Parse("1.2.3-a..b"));
        Assert.Null(VersionScheme.SemVer.Parse("latest"));
    }

    [Fact]
    public void NuGet_orders_prerelease_labels_as_the_package_versioning_docs_list_them()
    {
        // learn.microsoft.com/nuget/concepts/package-versioning, "Pre-release versions": the list there, highest first,
        // is 1.0.1, 1.0.1-zzz, 1.0.1-rc, 1.0.1-open, 1.0.1-beta, 1.0.1-alpha2, 1.0.1-alpha10, 1.0.1-aaa.
        AssertAscending(VersionScheme.NuGet, "1.0.1-aaa", "1.0.1-alpha10", "1.0.1-alpha2", "1.0.1-beta", "1.0.1-open", "1.0.1-rc", "1.0.1-zzz", "1.0.1");
        // SemVer 2.0.0 labels with dots: numeric parts compare numerically.
        AssertAscending(VersionScheme.NuGet, "1.0.1-alpha.2", "1.0.1-alpha.10", "1.0.1-beta");
    }

    [Fact]
    public void NuGet_normalises_missing_parts_case_and_metadata()
    {
        // Docs "Normalized version numbers": 1.0 = 1.0.0 = 1.0.0.0, leading zeros removed (1.00 → 1.0),
        // a fourth part of zero omitted; labels are case-insensitive; metadata does not take part in precedence.
        AssertEqual(VersionScheme.NuGet, "1.0", "1.0.0.0");
        AssertEqual(VersionScheme.NuGet, "1.00", "1.0.0");
        AssertEqual(VersionScheme.NuGet, "1.0.01.0", "1.0.1");
        AssertEqual(VersionScheme.NuGet, "1.0.0-Beta", "1.0.0-beta");
        AssertEqual(VersionScheme.NuGet, "1.0.0+git.abc", "1.0.0");
        AssertAscending(VersionScheme.NuGet, "1.0.0", "1.0.0.1", "1.0.1", "1.1");
        Assert.Null(VersionScheme.NuGet.Parse("1.0.0.0.0"));
    }

    [Fact]
    public void Maven_orders_qualifiers_as_the_comparable_version_javadoc_says()
    {
        // ComparableVersion javadoc: alpha = a < beta = b < milestone = m < rc = cr < snapshot < "" = final = ga < sp,
        // unknown qualifiers after known ones in lexical order; the list below is VERSIONS_QUALIFIER of
        // maven-artifact's ComparableVersionTest.
        AssertAscending(VersionScheme.Maven, "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11",
            "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123");
    }

    [Fact]
    public void Maven_orders_numbers_and_separators_as_comparable_version_test_does()
    {
        // VERSIONS_NUMBER of ComparableVersionTest: "-" (a sub-list) sorts below ".", a qualifier below a number.
        AssertAscending(VersionScheme.Maven, "2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1",
            "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m");
    }

    [Fact]
    public void Maven_treats_trailing_zeros_aliases_and_case_as_equal()
    {
        // testVersionsEqual of ComparableVersionTest.
        AssertEqual(VersionScheme.Maven, "1", "1.0.0");
        AssertEqual(VersionScheme.Maven, "1", "1-0");
        AssertEqual(VersionScheme.Maven, "1.0", "1.0-0");
        AssertEqual(VersionScheme.Maven, "1a", "1-a");
        AssertEqual(VersionScheme.Maven, "1a", "1.0.0-a");
        AssertEqual(VersionScheme.Maven, "1x", "1.0-x");
        AssertEqual(VersionScheme.Maven, "1-ga", "1");
        AssertEqual(VersionScheme.Maven, "1-final", "1");
        AssertEqual(VersionScheme.Maven, "1cr", "1rc");
        AssertEqual(VersionScheme.Maven, "1a1", "1-alpha-1");
        AssertEqual(VersionScheme.Maven, "1b2", "1-beta-2");
        AssertEqual(VersionScheme.Maven, "1m3", "1-milestone-3");
        AssertEqual(VersionScheme.Maven, "1X", "1x");
        AssertEqual(VersionScheme.Maven, "1RC", "1rc");
        // Real-world shapes from advisories: a fourth numeric part and a Spring-style release qualifier.
        AssertAscending(VersionScheme.Maven, "2.9.10", "2.9.10.1", "2.9.10.8", "2.10.0");
        // An unknown qualifier sorts after the release (javadoc: "unknown qualifiers are considered after known
        // qualifiers", and "" is a known one), so Jackson's 2.10.0.pr1 is above 2.10.0 for Maven too.
        AssertAscending(VersionScheme.Maven, "2.10.0", "2.10.0.pr1");
        AssertAscending(VersionScheme.Maven, "5.3.0-M1", "5.3.0-RC1", "5.3.0", "5.3.0-SP1");
    }

    [Fact]
    public void Pep440_orders_the_specs_summary_of_permitted_suffixes()
    {
        // PEP 440, "Summary of permitted suffixes and relative ordering": the example list, in order.
        AssertAscending(VersionScheme.Pep440, "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
            "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
            "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");
    }

    [Fact]
    public void Pep440_epochs_and_normalised_spellings()
    {
        // PEP 440 "Version epochs": 2013.10 < 2014.04 < 1!1.0 < 1!1.1 < 1!2.0.
        AssertAscending(VersionScheme.Pep440, "2013.10", "2014.04", "1!1.0", "1!1.1", "1!2.0");
        // "Normalization": case, alternate spellings, separators, implicit numbers, v prefix, release padding.
        AssertEqual(VersionScheme.Pep440, "1.0ALPHA1", "1.0a1");
        AssertEqual(VersionScheme.Pep440, "1.1.0-preview2", "1.1.0rc2");
        AssertEqual(VersionScheme.Pep440, "1.0-c1", "1.0rc1");
        AssertEqual(VersionScheme.Pep440, "1.2a", "1.2a0");
        AssertEqual(VersionScheme.Pep440, "1.0-1", "1.0.post1");
        AssertEqual(VersionScheme.Pep440, "1.0-r4", "1.0.post4");
        AssertEqual(VersionScheme.Pep440, "1.0.dev", "1.0.dev0");
        AssertEqual(VersionScheme.Pep440, "v1.0", "1.0");
        AssertEqual(VersionScheme.Pep440, "1.0", "1.0.0");
        AssertEqual(VersionScheme.Pep440, "1.0+ubuntu-1", "1.0+ubuntu.1");
        Assert.Null(VersionScheme.Pep440.Parse("1.0+"));
        Assert.Null(VersionScheme.Pep440.Parse("french toast"));
    }

    [Fact]
    public void RubyGems_orders_prereleases_before_their_release_as_gem_version_documents()
    {
        // Gem::Version docs: "1.0" > "1.0.b1" > "1.0.a.2" > "0.9"; a version with a letter is a prerelease.
        AssertAscending(VersionScheme.RubyGems, "0.9", "1.0.a.2", "1.0.b1", "1.0");
        AssertAscending(VersionScheme.RubyGems, "1.0.a9", "1.0.a10", "1.0.b1", "1.0", "1.0.1", "1.9", "1.10");
        // Trailing zeros do not matter; "-" reads as ".pre.".
        AssertEqual(VersionScheme.RubyGems, "1", "1.0.0");
        AssertEqual(VersionScheme.RubyGems, "1.0.0-rc1", "1.0.0.pre.rc1");
        AssertAscending(VersionScheme.RubyGems, "5.2.4.pre.1", "5.2.4.rc1", "5.2.4", "5.2.4.1");
        Assert.Null(VersionScheme.RubyGems.Parse("1..2"));
        Assert.Null(VersionScheme.RubyGems.Parse("junk"));
    }

    [Theory]
    [InlineData("npm", "SemVer")]
    [InlineData("Go", "SemVer")]
    [InlineData("crates.io", "SemVer")]
    [InlineData("NuGet", "NuGet")]
    [InlineData("Maven", "Maven")]
    [InlineData("PyPI", "PEP 440")]
    [InlineData("RubyGems", "RubyGems")]
    public void Each_supported_ecosystem_has_its_ordering(string ecosystem, string scheme) =>
        Assert.Equal(scheme, VersionScheme.ForEcosystem(ecosystem)?.Name);

    [Theory]
    [InlineData("Debian:12")]
    [InlineData("Packagist")]
    [InlineData("Alpine:v3.18")]
    public void Other_ecosystems_have_no_ordering_so_only_explicit_lists_match(string ecosystem) =>
        Assert.Null(VersionScheme.ForEcosystem(ecosystem));
}
