using SirtDesk.Standards.CycloneDx;

namespace SirtDesk.Standards.Tests.CycloneDx;

public sealed class CycloneDxParserTests
{
    private static SbomParseResult ParseFile(string name) =>
        CycloneDxParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sbom", name)));

    [Fact]
    public void Nested_components_are_collected_depth_first_with_their_purls_as_written()
    {
        var result = ParseFile("odd-purls-1.6.json");
        Assert.True(result.IsValid, result.Error?.ToString());
        var bom = result.Bom!;
        Assert.Equal("1.6", bom.SpecVersion);
        Assert.Equal("product", bom.Subject?.BomRef);
        Assert.Equal(["scoped", "qualified", "nested-go", "deep-pypi", "encoded", "no-purl", "bad-purl", "dup-purl"], bom.Components.Select(c => c.BomRef));
        var deep = bom.Components.Single(c => c.BomRef == "deep-pypi");
        Assert.Equal("/components/1/components/0/components/0", deep.Pointer);
        Assert.Equal("pkg:pypi/Zope_Interface@4.7.1", deep.PurlText);
        Assert.Equal("zope-interface", deep.Purl!.Name);
        var qualified = bom.Components.Single(c => c.BomRef == "qualified");
        Assert.Equal("jar", qualified.Purl!.Qualifier("type"));
        Assert.Equal("html/atom", bom.Components.Single(c => c.BomRef == "nested-go").Purl!.Subpath);
        Assert.Equal("Café.Core", bom.Components.Single(c => c.BomRef == "encoded").Purl!.Name);
        Assert.Null(bom.Components.Single(c => c.BomRef == "bad-purl").Purl);
        Assert.Equal("npm/not-a-purl@1", bom.Components.Single(c => c.BomRef == "bad-purl").PurlText);
    }

    [Theory]
    [InlineData("minimal-1.4.json", "1.4")]
    [InlineData("minimal-1.5.json", "1.5")]
    public void Older_spec_versions_are_read(string file, string version)
    {
        var result = ParseFile(file);
        Assert.True(result.IsValid, result.Error?.ToString());
        Assert.Equal(version, result.Bom!.SpecVersion);
        Assert.NotEmpty(result.Bom.Components);
    }

    [Fact]
    public void A_component_type_outside_the_schema_enum_is_rejected_with_its_json_pointer()
    {
        var result = ParseFile("bad-component-type-1.6.json");
        Assert.False(result.IsValid);
        Assert.Equal("/components/1/components/0/type", result.Error!.Pointer);
        Assert.Contains("1.6 schema", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(SbomErrorKind.Schema, result.Error.Kind);
        Assert.Equal(["1.6", "enum"], [result.Error.Values[0], result.Error.Values[2]]);
    }

    [Fact]
    public void A_component_without_a_name_is_rejected()
    {
        var result = ParseFile("missing-name-1.5.json");
        Assert.False(result.IsValid);
        Assert.Equal("/components/0", result.Error!.Pointer);
        Assert.Contains("name", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(SbomErrorKind.Schema, result.Error.Kind);
        Assert.Equal(["1.5", "required"], [result.Error.Values[0], result.Error.Values[2]]);
    }

    [Fact]
    public void A_duplicate_bom_ref_is_rejected()
    {
        var result = ParseFile("duplicate-bom-ref-1.6.json");
        Assert.False(result.IsValid);
        Assert.Equal("/components/1/bom-ref", result.Error!.Pointer);
        Assert.Equal(SbomErrorKind.DuplicateBomRef, result.Error.Kind);
        Assert.Single(result.Error.Values);
        Assert.Contains($"\"{result.Error.Values[0]}\"", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.3","version":1}""", "/specVersion", SbomErrorKind.SpecVersion, "1.4, 1.5, 1.6")]
    [InlineData("""{"bomFormat":"SPDX","specVersion":"1.6","version":1}""", "/bomFormat", SbomErrorKind.BomFormat, "")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"x"}],"surprise":true}""", "/surprise", SbomErrorKind.Schema, "1.6")]
    [InlineData("""[1,2]""", "", SbomErrorKind.NotObject, "")]
    [InlineData("""{"bomFormat":"CycloneDX",""", "", SbomErrorKind.NotJson, "1")]
    public void Other_bad_documents_give_a_pointer_a_message_and_a_kind_with_its_values(string json, string pointer, SbomErrorKind kind, string firstValue)
    {
        var result = CycloneDxParser.Parse(json);
        Assert.Null(result.Bom);
        Assert.Equal(pointer, result.Error!.Pointer);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        Assert.Equal(kind, result.Error.Kind);
        Assert.Equal(firstValue, result.Error.Values.Count > 0 ? result.Error.Values[0] : "");
    }
}
