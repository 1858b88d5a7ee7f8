using System.Text.Json.Nodes;
using SirtDesk.Standards.Csaf;

namespace SirtDesk.Standards.Tests.Csaf;

public sealed class CsafSchemaTests
{
    [Fact]
    public void The_example_security_advisory_passes_the_strict_schema_and_every_mandatory_test()
    {
        var failures = CsafValidator.Validate(CsafDocuments.Advisory());

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("/document", "x_internal_note")]
    [InlineData("/document/tracking", "owner")]
    [InlineData("/product_tree/branches/0/branches/0/branches/0/product", "vendor_sku")]
    [InlineData("/vulnerabilities/0/scores/0/cvss_v3", "comment")]
    public void A_property_the_schema_does_not_define_is_rejected_in_strict_form(string parent, string extra)
    {
        var document = CsafDocuments.Advisory();
        document.At(parent).AsObject()[extra] = "something";

        var failures = CsafValidator.Validate(document);

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.True(f.Test is "schema" or "6.1.8", f.ToString()));
        Assert.Contains(failures, f => f.Pointer == parent || f.Pointer == $"{parent}/{extra}");
    }

    [Theory]
    [InlineData("/document/tracking/status", "published")]
    [InlineData("/vulnerabilities/0/cve", "CVE-26-1")]
    [InlineData("/document/tracking/current_release_date", "yesterday")]
    [InlineData("/document/publisher/namespace", "not a uri")]
    public void A_value_the_schema_forbids_is_reported_at_its_pointer(string pointer, string value)
    {
        var document = CsafDocuments.Advisory();
        var parent = pointer[..pointer.LastIndexOf('/')];
        document.At(parent).AsObject()[pointer[(pointer.LastIndexOf('/') + 1)..]] = value;

        var failures = CsafValidator.Validate(document);

        Assert.Contains(failures, f => f.Test == "schema" && f.Pointer == pointer);
    }

    [Fact]
    public void A_document_without_its_required_parts_fails_the_schema_at_the_root()
    {
        var failures = CsafValidator.Validate(JsonNode.Parse("""{"document": {"category": "csaf_base"}}""")!);

        Assert.Contains(failures, f => f.Test == "schema" && f.Pointer == "/document");
    }

    [Fact]
    public void The_cve_record_example_is_valid_at_the_root_of_the_cve_json_5_schema()
    {
        var failures = CveRecordValidator.Validate(CsafDocuments.CveRecord());

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void A_broken_cve_record_fails_with_the_pointer_of_what_is_wrong()
    {
        var record = CsafDocuments.CveRecord();
        record.At("/cveMetadata").AsObject()["cveId"] = "CVE-26-1";
        record.At("/containers/cna").AsObject().Remove("affected");

        var failures = CveRecordValidator.Validate(record);

        Assert.Contains(failures, f => f.Test == "schema" && f.Pointer == "/cveMetadata/cveId");
        Assert.Contains(failures, f => f.Test == "schema" && f.Pointer == "/containers/cna");
    }

    [Fact]
    public void The_cwe_catalogue_names_its_weaknesses()
    {
        Assert.True(Cwe.TryGetName("CWE-79", out var xss));
        Assert.Equal("Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", xss);
        Assert.False(Cwe.TryGetName("CWE-999999", out _));
        Assert.False(Cwe.TryGetName("cwe-79", out _));
        Assert.Equal(968, Cwe.Names.Count);
    }
}
