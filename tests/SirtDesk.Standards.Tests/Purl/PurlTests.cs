using PackageUrl = SirtDesk.Standards.Purl.Purl;

namespace SirtDesk.Standards.Tests.Purl;

/// <summary>Cases from the purl specification (ECMA-427 / package-url/purl-spec) text and its test suite.</summary>
public sealed class PurlTests
{
    [Fact]
    public void A_scoped_npm_purl_decodes_the_at_sign_of_its_namespace()
    {
        // purl-spec README example.
        var p = PackageUrl.Parse("pkg:npm/%40angular/animation@12.3.1");
        Assert.Equal("npm", p.Type);
        Assert.Equal("@angular", p.Namespace);
        Assert.Equal("animation", p.Name);
        Assert.Equal("12.3.1", p.Version);
        Assert.Equal("pkg:npm/%40angular/animation@12.3.1", p.ToString());
    }

    [Fact]
    public void Qualifiers_are_lower_cased_sorted_decoded_and_empty_ones_dropped()
    {
        // STANDARDS.md requirement 57 and the spec's qualifier rules.
        var p = PackageUrl.Parse("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?Type=pom&classifier=sources&repository_url=repo.spring.io%2Frelease&x=");
        Assert.Equal(["classifier", "repository_url", "type"], p.Qualifiers.Select(q => q.Key));
        Assert.Equal("repo.spring.io/release", p.Qualifier("repository_url"));
        Assert.Null(p.Qualifier("x"));
        Assert.Equal("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io/release&type=pom", p.ToString());
    }

    [Fact]
    public void The_subpath_drops_empty_dot_and_dot_dot_segments_and_the_slashes_around_it()
    {
        // purl-spec test suite: "pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/".
        var p = PackageUrl.Parse("pkg:GOLANG/google.golang.org/genproto#/googleapis/./api/../annotations/");
        Assert.Equal("golang", p.Type);
        Assert.Equal("google.golang.org", p.Namespace);
        Assert.Equal("googleapis/api/annotations", p.Subpath);
        Assert.Equal("pkg:golang/google.golang.org/genproto#googleapis/api/annotations", p.ToString());
    }

    [Fact]
    public void Type_specific_rules_lower_case_npm_and_pypi_and_turn_pypi_underscores_into_dashes()
    {
        // purl types: pypi "name must be lowercased and underscore _ replaced with dash -"; npm names lower-case.
        Assert.Equal("django-allauth", PackageUrl.Parse("pkg:PYPI/Django_Allauth@12.23").Name);
        Assert.Equal("pkg:npm/foo@1.0.0", PackageUrl.Parse("pkg:NPM/FOO@1.0.0").ToString());
        // Go and Maven names are case-sensitive.
        Assert.Equal("github.com/Azure/azure-sdk-for-go", PackageUrl.Parse("pkg:golang/github.com/Azure/azure-sdk-for-go@v1.0.0").Namespace + "/azure-sdk-for-go");
        Assert.Equal("Log4J", PackageUrl.Parse("pkg:maven/org.Example/Log4J@1").Name);
    }

    [Fact]
    public void Percent_encoded_names_and_versions_are_decoded_and_re_encoded_canonically()
    {
        var p = PackageUrl.Parse("pkg:nuget/Caf%C3%A9.Core@1.0.0%2Bbuild");
        Assert.Equal("Café.Core", p.Name);
        Assert.Equal("1.0.0+build", p.Version);
        Assert.Equal("pkg:nuget/Caf%C3%A9.Core@1.0.0%2Bbuild", p.ToString());
        // "pkg://" slashes are accepted and dropped.
        Assert.Equal("pkg:gem/rails@7.0.0", PackageUrl.Parse("pkg://gem/rails@7.0.0").ToString());
        // An encoded "@" in a name is not a version separator.
        Assert.Equal("a@b", PackageUrl.Parse("pkg:generic/a%40b@1").Name);
    }

    [Theory]
    // From the purl-spec test suite's failure cases, plus encoding and whitespace errors.
    [InlineData("EnterpriseLibrary.Common@6.0.1304")]
    [InlineData("pkg:EnterpriseLibrary.Common@6.0.1304")]
    [InlineData("pkg:n&g?inx/nginx@0.8.9")]
    [InlineData("pkg:3nginx/nginx@0.8.9")]
    [InlineData("pkg:nginx:a/nginx@0.8.9")]
    [InlineData("pkg:npm/myartifact@1.0.0?in%20production=true")]
    [InlineData("pkg:maven/@1.3.4")]
    [InlineData("pkg%3Amaven/org.apache.commons/io")]
    [InlineData("pkg:maven/commons-io@2.0")]
    [InlineData("pkg:npm/bad%zzname@1")]
    [InlineData("pkg:npm/with space@1")]
    [InlineData("pkg:npm/a@1?x=1&x=2")]
    [InlineData("")]
    public void Invalid_purls_are_rejected_with_a_reason(string text)
    {
        Assert.False(PackageUrl.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_built_purl_equals_the_parsed_one()
    {
        var built = PackageUrl.Create("npm", "@babel", "core", "7.0.0", [new("os", "linux")]);
        Assert.Equal(PackageUrl.Parse("pkg:npm/%40babel/core@7.0.0?os=linux"), built);
        Assert.Equal("pkg:generic/openssl@1.1.10g?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d",
            PackageUrl.Create("generic", null, "openssl", "1.1.10g", [new("checksum", "sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d")]).ToString());
    }
}
