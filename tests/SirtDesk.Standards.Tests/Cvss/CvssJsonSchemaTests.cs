using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class CvssJsonSchemaTests
{
    private static readonly Dictionary<string, JsonSchema> Schemas = LoadSchemas();

    /// <summary>
    /// FIRST's schemas, loaded as STACK.md section 8 describes for JsonSchema.Net 8: the draft-04 files (v2.0, v3.0)
    /// as draft-07, v4.0's FIRST meta-schema as draft 2020-12, in dialects that allow the
    /// unknown <c>license</c> keyword, each built with a base URI of the tests' own.
    /// </summary>
    private static Dictionary<string, JsonSchema> LoadSchemas()
    {
        var draft07 = Dialect.Draft07.With([], Dialect.Draft07.Id, null, true);
        var draft202012 = Dialect.Draft202012.With([], Dialect.Draft202012.Id, null, true);
        var schemas = new Dictionary<string, JsonSchema>();
        foreach (var version in new[] { "2.0", "3.0", "3.1", "4.0" })
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "schemas", "cvss", $"cvss-v{version}.json")))!.AsObject();
            node.Remove("$schema");
            // Draft-04's "id" is dropped rather than renamed: appended after "definitions", a "$id" makes
            // JsonSchema.Net 8 register the subschemas twice; the base URI below names the schema instead.
            node.Remove("id");
            var options = new BuildOptions { Dialect = version == "4.0" ? draft202012 : draft07 };
            // A base URI of the tests' own: the CSAF validator (SirtDesk.Standards.Csaf) registers FIRST's URLs, and
            // JsonSchema.Net refuses a second registration of the same URI in one process.
            var uri = new Uri($"https://sirtdesk.test/cvss/cvss-v{version}.json");
            schemas[version] = JsonSchema.FromText(node.ToJsonString(), options, uri);
        }
        return schemas;
    }

    public static TheoryData<string> EveryKindOfObject => new()
    {
        "AV:N/AC:L/Au:N/C:P/I:P/A:P",
        "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C",
        "AV:N/AC:L/Au:N/C:N/I:N/A:C/CDP:H/TD:H/CR:M/IR:M/AR:H",
        "AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M",
        "AV:N/AC:L/Au:N/C:N/I:N/A:N/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/MS:C/MC:N/MI:H/MA:H/CR:L/IR:L/AR:M",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/MS:C/MC:N/MI:H/MA:H/CR:L/IR:L/AR:M",
        "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L",
        "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:P/CR:M/MAV:A/MSC:N/MSI:S/MSA:N/S:P/AU:Y/R:I/V:C/RE:M/U:Clear",
    };

    [Theory]
    [MemberData(nameof(EveryKindOfObject))]
    public void Every_kind_of_emitted_object_validates_against_the_first_schema(string vector)
    {
        var json = CvssJson.ToJson(CvssVector.Parse(vector).Vector);
        AssertValid(json);
    }

    [Fact]
    public void Every_hand_picked_and_sampled_v40_vector_validates_against_the_first_schema()
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "cvss", "vectors.tsv"))
            .Concat(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "cvss", "sample-bte.tsv")).Take(700));
        foreach (var line in lines)
        {
            AssertValid(CvssJson.ToJson(CvssVector.Parse(line.Split('\t')[0]).Vector));
        }
    }

    [Fact]
    public void Generated_vectors_of_every_version_validate_against_the_first_schemas()
    {
        foreach (var generated in FsCheck.Fluent.Gen.Sample(VectorText.AnyVector, 400))
        {
            AssertValid(CvssJson.ToJson(CvssVector.Parse(generated.Text).Vector));
        }
    }

    [Theory]
    [InlineData("baseSeverity", "SEVERE")]
    [InlineData("vectorString", "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("attackVector", "ADJACENT")]
    public void The_schema_check_catches_a_tampered_object(string field, string value)
    {
        // Without this, a validator that ignored the schema would let every test above pass.
        var node = JsonNode.Parse(CvssJson.ToJson(CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").Vector))!;
        node[field] = value;
        Assert.False(Evaluate(node.ToJsonString()).IsValid);
    }

    [Fact]
    public void A_v40_score_outside_its_severity_band_is_caught_by_the_schema()
    {
        var node = JsonNode.Parse(CvssJson.ToJson(CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").Vector))!;
        node["baseSeverity"] = "HIGH";
        Assert.False(Evaluate(node.ToJsonString()).IsValid);
    }

    [Fact]
    public void The_object_carries_the_schema_names_and_the_scores_of_its_groups()
    {
        using var doc = JsonDocument.Parse(CvssJson.ToJson(CvssVector.Parse("CVSS:3.1/AC:L/AV:N/PR:N/UI:R/S:C/C:L/I:L/A:N/RC:C/E:P/RL:W").Vector));
        var root = doc.RootElement;
        Assert.Equal("3.1", root.GetProperty("version").GetString());
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C", root.GetProperty("vectorString").GetString());
        Assert.Equal("NETWORK", root.GetProperty("attackVector").GetString());
        Assert.Equal("PROOF_OF_CONCEPT", root.GetProperty("exploitCodeMaturity").GetString());
        Assert.Equal(6.1m, root.GetProperty("baseScore").GetDecimal());
        Assert.Equal("MEDIUM", root.GetProperty("baseSeverity").GetString());
        Assert.Equal(5.6m, root.GetProperty("temporalScore").GetDecimal());
        Assert.False(root.TryGetProperty("environmentalScore", out _));

        using var v2 = JsonDocument.Parse(CvssJson.ToJson(CvssVector.Parse("AV:N/AC:L/Au:N/C:C/I:C/A:C").Vector));
        Assert.Equal("10.0", v2.RootElement.GetProperty("baseScore").GetRawText());
        Assert.False(v2.RootElement.TryGetProperty("baseSeverity", out _));
    }

    private static void AssertValid(string json)
    {
        var results = Evaluate(json);
        var errors = results.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")) ?? [];
        Assert.True(results.IsValid, $"{json}\n{string.Join('\n', errors)}");
    }

    private static EvaluationResults Evaluate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var version = doc.RootElement.GetProperty("version").GetString()!;
        return Schemas[version].Evaluate(doc.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }
}
