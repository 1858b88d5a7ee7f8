using System.Text.Json.Nodes;
using SirtDesk.Standards.Csaf;

namespace SirtDesk.Standards.Tests.Csaf;

/// <summary>
/// One document per mandatory test of CSAF 2.0 section 6.1: the example advisory (or its VEX form) with one change
/// that breaks that test, as the OASIS conformance files csaf_2.0/test/validator/data/mandatory/ do. Where the
/// specification's tests overlap (a pre-release version in a final document breaks 6.1.17 and 6.1.20 together),
/// the companions are named.
/// </summary>
public sealed partial class CsafMandatoryTests
{
    private const string Branch0 = "/product_tree/branches/0/branches/0/branches/0";
    private const string Cvss3 = "/vulnerabilities/0/scores/0/cvss_v3";
    private const string Vuln = "/vulnerabilities/0";
    private const string History = "/document/tracking/revision_history";

    private sealed record Case(string Test, string Pointer, Action<JsonNode> Break, bool Vex = false, string[]? Also = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["6.1.1"] = new("6.1.1", $"{Vuln}/product_status/known_affected/3", d => Add(d, $"{Vuln}/product_status/known_affected", "CSAFPID-9999")),
        ["6.1.2"] = new("6.1.2", "/product_tree/full_product_names/0/product_id",
            d => d["product_tree"]!["full_product_names"] = Json("""[{"name": "Kumokawa Gateway 3.0.0 (again)", "product_id": "CSAFPID-0003"}]""")),
        ["6.1.3"] = new("6.1.3", "/product_tree/relationships/0/product_reference", d => Set(d, "/product_tree/relationships/0/product_reference", "CSAFPID-0005")),
        ["6.1.4"] = new("6.1.4", $"{Vuln}/remediations/0/group_ids/0", d => Set(d, $"{Vuln}/remediations/0/group_ids/0", "CSAFGID-0009")),
        ["6.1.5"] = new("6.1.5", "/product_tree/product_groups/1/group_id",
            d => Add(d, "/product_tree/product_groups", Json("""{"group_id": "CSAFGID-0001", "product_ids": ["CSAFPID-0002", "CSAFPID-0004"]}"""))),
        ["6.1.6"] = new("6.1.6", $"{Vuln}/product_status/fixed/2", d => Add(d, $"{Vuln}/product_status/fixed", "CSAFPID-0001")),
        ["6.1.7"] = new("6.1.7", $"{Vuln}/scores/1/products/0",
            d => Add(d, $"{Vuln}/scores", new JsonObject { ["products"] = Json("""["CSAFPID-0001"]"""), ["cvss_v3"] = d.At(Cvss3).DeepClone() })),
        ["6.1.8"] = new("6.1.8", $"{Cvss3}/attackVector", d => Set(d, $"{Cvss3}/attackVector", "SPACE")),
        ["6.1.8 extra property"] = new("6.1.8", $"{Cvss3}/comment", d => Set(d, $"{Cvss3}/comment", "not in FIRST's schema")),
        ["6.1.9"] = new("6.1.9", $"{Cvss3}/baseScore", d => Set(d, $"{Cvss3}/baseScore", 9.8)),
        ["6.1.9 severity"] = new("6.1.9", $"{Cvss3}/baseSeverity", d => Set(d, $"{Cvss3}/baseSeverity", "CRITICAL")),
        ["6.1.9 v2 temporal"] = new("6.1.9", "/vulnerabilities/0/scores/0/cvss_v2/temporalScore", d => Set(d, "/vulnerabilities/0/scores/0/cvss_v2/temporalScore", 5.0)),
        ["6.1.10"] = new("6.1.10", $"{Cvss3}/attackVector", d => Set(d, $"{Cvss3}/attackVector", "LOCAL")),
        ["6.1.10 metric not in the vector"] = new("6.1.10", $"{Cvss3}/exploitCodeMaturity", d => Set(d, $"{Cvss3}/exploitCodeMaturity", "HIGH")),
        ["6.1.11"] = new("6.1.11", $"{Vuln}/cwe/name", d => Set(d, $"{Vuln}/cwe/name", "Path Traversal")),
        ["6.1.11 unknown id"] = new("6.1.11", $"{Vuln}/cwe/id", d => Set(d, $"{Vuln}/cwe/id", "CWE-999999")),
        ["6.1.12"] = new("6.1.12", "/document/lang", d => Set(d, "/document/lang", "EZ")),
        ["6.1.13"] = new("6.1.13", $"{Branch0}/product/product_identification_helper/purl", d => Set(d, $"{Branch0}/product/product_identification_helper/purl", "pkg:maven/@1.3.4")),
        // purl spec: a type starts with a letter and has only letters, digits, '.' and '-'; maven requires a namespace (types/maven).
        ["6.1.13 type"] = new("6.1.13", $"{Branch0}/product/product_identification_helper/purl", d => Set(d, $"{Branch0}/product/product_identification_helper/purl", "pkg:+npm/left-pad@1.3.0")),
        ["6.1.13 maven without namespace"] = new("6.1.13", $"{Branch0}/product/product_identification_helper/purl", d => Set(d, $"{Branch0}/product/product_identification_helper/purl", "pkg:maven/batik-anim@1.9.1")),
        ["6.1.14"] = new("6.1.14", $"{History}/1/number", d =>
        {
            Set(d, $"{History}/0/number", "2");
            Set(d, $"{History}/1/number", "1");
            Set(d, "/document/tracking/version", "1");
        }),
        ["6.1.15"] = new("6.1.15", "/document/source_lang", d => Set(d, "/document/publisher/category", "translator")),
        ["6.1.16"] = new("6.1.16", "/document/tracking/version", d => Set(d, "/document/tracking/version", "1")),
        ["6.1.17"] = new("6.1.17", "/document/tracking/status", d =>
        {
            d.At(History).AsArray().RemoveAt(1);
            Set(d, $"{History}/0/number", "0");
            Set(d, "/document/tracking/version", "0");
        }, Also: ["6.1.18"]),
        ["6.1.18"] = new("6.1.18", $"{History}/0/number", d =>
        {
            Set(d, $"{History}/0/number", "0");
            Set(d, $"{History}/1/number", "1");
            Set(d, "/document/tracking/version", "1");
        }),
        ["6.1.19"] = new("6.1.19", $"{History}/0/number", d =>
        {
            Set(d, $"{History}/0/number", "1.0.0-rc.1");
            Set(d, $"{History}/1/number", "1.0.0");
            Set(d, "/document/tracking/version", "1.0.0");
        }),
        ["6.1.20"] = new("6.1.20", "/document/tracking/version", d =>
        {
            Set(d, $"{History}/0/number", "1.0.0");
            Set(d, $"{History}/1/number", "2.0.0");
            Set(d, "/document/tracking/version", "2.0.0-rc.1");
            Set(d, "/document/tracking/status", "interim");
        }, Also: ["6.1.16", "6.1.17"]),
        ["6.1.21"] = new("6.1.21", $"{History}/1/number", d =>
        {
            Set(d, $"{History}/1/number", "3");
            Set(d, "/document/tracking/version", "3");
        }),
        ["6.1.21 first"] = new("6.1.21", $"{History}/0/number", d =>
        {
            Set(d, $"{History}/0/number", "2");
            Set(d, $"{History}/1/number", "3");
            Set(d, "/document/tracking/version", "3");
        }),
        ["6.1.22"] = new("6.1.22", $"{History}/2/number", d => Add(d, History, d.At($"{History}/1").DeepClone())),
        ["6.1.23"] = new("6.1.23", "/vulnerabilities/1/cve", d => Add(d, "/vulnerabilities", d.At(Vuln).DeepClone())),
        ["6.1.24"] = new("6.1.24", $"{Vuln}/involvements/1",
            d => Add(d, $"{Vuln}/involvements", Json("""{"date": "2026-01-21T00:00:00.000Z", "party": "vendor", "status": "in_progress"}"""))),
        ["6.1.25"] = new("6.1.25", "/product_tree/branches/0/branches/0/branches/2/product/product_identification_helper/hashes/0/file_hashes/1/algorithm",
            d => Set(d, "/product_tree/branches/0/branches/0/branches/2/product/product_identification_helper/hashes/0/file_hashes/1/algorithm", "sha256")),
        ["6.1.26"] = new("6.1.26", "/document/category", d => Set(d, "/document/category", "Security Advisory")),
        ["6.1.26 reserved prefix"] = new("6.1.26", "/document/category", d => Set(d, "/document/category", "CSAF_advisory")),
        ["6.1.27.1"] = new("6.1.27.1", "/document/notes", d =>
        {
            Set(d, "/document/category", "csaf_security_incident_response");
            d.At("/document/notes").AsArray().RemoveAt(0);
        }),
        ["6.1.27.2"] = new("6.1.27.2", "/document/references", d =>
        {
            Set(d, "/document/category", "csaf_security_incident_response");
            d.At("/document/references").AsArray().RemoveAt(1);
        }),
        ["6.1.27.3"] = new("6.1.27.3", "/vulnerabilities", d => Set(d, "/document/category", "csaf_informational_advisory")),
        ["6.1.27.4"] = new("6.1.27.4", "/product_tree", d => d.AsObject().Remove("product_tree"), Also: ["6.1.1", "6.1.4"]),
        ["6.1.27.5"] = new("6.1.27.5", $"{Vuln}/notes", d => d.At(Vuln).AsObject().Remove("notes")),
        ["6.1.27.6"] = new("6.1.27.6", $"{Vuln}/product_status", d => d.At(Vuln).AsObject().Remove("product_status")),
        ["6.1.27.7"] = new("6.1.27.7", $"{Vuln}/product_status", d => d.At(Vuln)["product_status"] = Json("""{"recommended": ["CSAFPID-0002"]}"""), Vex: true),
        ["6.1.27.8"] = new("6.1.27.8", $"{Vuln}/cve", d =>
        {
            d.At(Vuln).AsObject().Remove("cve");
            d.At(Vuln).AsObject().Remove("ids");
        }, Vex: true),
        ["6.1.27.9"] = new("6.1.27.9", $"{Vuln}/product_status/known_not_affected/0", d =>
        {
            d.At($"{Vuln}/product_status")["fixed"] = Json("""["CSAFPID-0004"]""");
            d.At($"{Vuln}/product_status")["known_not_affected"] = Json("""["CSAFPID-0002"]""");
        }, Vex: true),
        ["6.1.27.10"] = new("6.1.27.10", $"{Vuln}/product_status/known_affected/2", d => d.At($"{Vuln}/remediations").AsArray().RemoveAt(1), Vex: true),
        ["6.1.27.11"] = new("6.1.27.11", "/vulnerabilities", d => d.AsObject().Remove("vulnerabilities")),
        ["6.1.28"] = new("6.1.28", "/document/lang", d => Set(d, "/document/source_lang", "EN")),
        ["6.1.29"] = new("6.1.29", $"{Vuln}/remediations/1", d => d.At($"{Vuln}/remediations/1").AsObject().Remove("product_ids")),
        ["6.1.30"] = new("6.1.30", $"{History}/0/number", d => Set(d, $"{History}/0/number", "1.0.0")),
        ["6.1.31"] = new("6.1.31", $"{Branch0}/name", d => Set(d, $"{Branch0}/name", "2.4.1 and earlier")),
        ["6.1.31 symbol"] = new("6.1.31", $"{Branch0}/name", d => Set(d, $"{Branch0}/name", "<=2.4.1")),
        ["6.1.32"] = new("6.1.32", $"{Vuln}/flags/0", d => d.At(Vuln)["flags"] = Json("""[{"label": "component_not_present"}]""")),
        ["6.1.33"] = new("6.1.33", $"{Vuln}/flags/1", d =>
        {
            Add(d, "/product_tree/product_groups", Json("""{"group_id": "CSAFGID-0002", "product_ids": ["CSAFPID-0002", "CSAFPID-0004"]}"""));
            d.At(Vuln)["flags"] = Json("""
                [{"label": "component_not_present", "product_ids": ["CSAFPID-0002"]},
                 {"label": "vulnerable_code_not_present", "group_ids": ["CSAFGID-0002"]}]
                """);
        }),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_document_that_breaks_one_mandatory_test_fails_exactly_that_test_at_the_pointer(string name)
    {
        var c = Cases[name];
        var document = c.Vex ? VexDocument() : CsafDocuments.Advisory();
        c.Break(document);

        var failures = CsafValidator.Validate(document);

        Assert.Contains(failures, f => f.Test == c.Test && f.Pointer == c.Pointer);
        var allowed = new HashSet<string>([c.Test, .. c.Also ?? []]);
        Assert.True(failures.All(f => allowed.Contains(f.Test)), string.Join('\n', failures));
    }

    [Fact]
    public void A_purl_with_an_empty_qualifier_value_passes_6_1_13()
    {
        // purl spec: a qualifier with an empty value is the same as no qualifier at all, not an error.
        var document = CsafDocuments.Advisory();
        Set(document, $"{Branch0}/product/product_identification_helper/purl", "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=");

        var failures = CsafValidator.Validate(document);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void The_example_in_vex_form_is_valid_too()
    {
        var failures = CsafValidator.Validate(VexDocument());

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("csaf_base")]
    [InlineData("Kumokawa Security Bulletin")]
    [InlineData("csaf_security_incident_response")]
    [InlineData("csaf_informational_advisory")]
    public void The_example_is_valid_in_the_other_profiles_too(string category)
    {
        var document = CsafDocuments.Advisory();
        Set(document, "/document/category", category);
        if (category == "csaf_informational_advisory")
        {
            document.AsObject().Remove("vulnerabilities");
        }

        var failures = CsafValidator.Validate(document);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void A_cvss_v30_score_with_changed_scope_is_computed_with_the_v30_formulas()
    {
        // OASIS csaf_2.0/test/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-09-12.json (valid example 2).
        var document = CsafDocuments.Advisory();
        Set(document, Cvss3, Json("""
            {"version": "3.0", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "baseScore": 10, "baseSeverity": "CRITICAL"}
            """));
        var valid = CsafValidator.Validate(document);
        Set(document, $"{Cvss3}/version", "3.1");
        var mismatch = CsafValidator.Validate(document);

        Assert.True(valid.Count == 0, string.Join('\n', valid));
        Assert.Contains(mismatch, f => f.Test == "6.1.8" && f.Pointer == $"{Cvss3}/vectorString");
        Assert.All(mismatch, f => Assert.Equal("6.1.8", f.Test));
    }

    [Fact]
    public void Scores_built_in_memory_as_numbers_of_any_type_compare_by_value()
    {
        // The app builds its documents as JsonNode trees: 8.8 arrives as a double, 6.5 as a decimal, not as JSON text.
        var document = CsafDocuments.Advisory();
        Set(document, $"{Cvss3}/baseScore", JsonValue.Create(8.8));
        Set(document, $"{Cvss3}/temporalScore", JsonValue.Create(8.80m));
        Set(document, "/vulnerabilities/0/scores/0/cvss_v2/baseScore", JsonValue.Create(6.5f));
        Set(document, $"{Cvss3}/attackVector", JsonValue.Create("NETWORK"));
        var valid = CsafValidator.Validate(document);
        Set(document, $"{Cvss3}/environmentalScore", JsonValue.Create(9));
        var wrong = CsafValidator.Validate(document);

        Assert.True(valid.Count == 0, string.Join('\n', valid));
        Assert.Equal(new CsafFailure("6.1.9", $"{Cvss3}/environmentalScore", "the vector gives 8.8"), Assert.Single(wrong));
    }

    [Fact]
    public void Failures_of_one_test_are_listed_in_document_order()
    {
        var document = CsafDocuments.Advisory();
        Set(document, $"{Vuln}/scores/0/products/0", "CSAFPID-9001");
        Set(document, $"{Vuln}/product_status/fixed/1", "CSAFPID-9002");
        Set(document, "/product_tree/product_groups/0/product_ids/1", "CSAFPID-9003");

        var failures = CsafValidator.Validate(document);

        Assert.Equal(
            ["/product_tree/product_groups/0/product_ids/1", $"{Vuln}/product_status/fixed/1", $"{Vuln}/scores/0/products/0"],
            failures.Where(f => f.Test == "6.1.1").Select(f => f.Pointer));
    }

    [Fact]
    public void The_version_failure_has_the_message_of_the_cli_contract()
    {
        var document = CsafDocuments.Advisory();
        Set(document, "/document/tracking/version", "3");

        var failure = Assert.Single(CsafValidator.Validate(document));

        Assert.Equal(new CsafFailure("6.1.16", "/document/tracking/version", "version does not match the latest revision"), failure);
    }

    [Fact]
    public void A_draft_may_carry_a_pre_release_of_its_latest_revision_and_build_metadata_is_ignored()
    {
        var document = CsafDocuments.Advisory();
        Set(document, $"{History}/0/number", "1.0.0");
        Set(document, $"{History}/1/number", "2.0.0+build.7");
        Set(document, "/document/tracking/version", "2.0.0-rc.1");
        Set(document, "/document/tracking/status", "draft");

        var failures = CsafValidator.Validate(document);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void A_document_of_the_wrong_shape_is_reported_by_the_schema_without_the_tests_throwing()
    {
        var document = JsonNode.Parse("""
            {"document": {"category": "csaf_vex", "tracking": {"revision_history": [1, "x", {"number": 7}], "version": []}},
             "product_tree": {"branches": [{"branches": "no"}, 3], "relationships": [{"full_product_name": 1}]},
             "vulnerabilities": [{"scores": [{"cvss_v3": "CVSS:3.1/AV:N"}], "flags": [{}], "product_status": {"fixed": [1, null]}}, 5]}
            """)!;

        var failures = CsafValidator.Validate(document);

        Assert.Contains(failures, f => f.Test == "schema");
        Assert.Contains(failures, f => f.Test == "6.1.8" && f.Pointer == "/vulnerabilities/0/scores/0/cvss_v3/version");
    }

    [Fact]
    public void Any_value_of_the_example_replaced_by_a_value_of_another_type_is_reported_at_its_pointer()
    {
        var pointers = new List<string>();
        Walk(CsafDocuments.Advisory(), "", pointers);
        var missed = new List<string>();
        foreach (var pointer in pointers)
        {
            foreach (var replacement in WrongTypes(CsafDocuments.Advisory().At(pointer)))
            {
                var document = CsafDocuments.Advisory();
                Set(document, pointer, replacement?.DeepClone());

                var failures = CsafValidator.Validate(document);

                // What a user checks: the report names the value they must fix, as a type error of the schema (or of
                // test 6.1.8 inside a CVSS object), not just "something is wrong somewhere". A CVSS object that is not
                // an object, or whose version is not a string, has no version to choose the CVSS schema by: 6.1.8
                // then reports the version as missing, at the version's pointer.
                var cvss = CvssObject().Match(pointer);
                var reported = cvss.Success
                    ? failures.Any(f => f.Test == "6.1.8" && f.Pointer == $"{cvss.Groups[1].Value}/version" && f.Message.Contains("must have version", StringComparison.Ordinal))
                    : failures.Any(f => f.Pointer == pointer && f.Test is CsafFailure.Schema or "6.1.8" && f.Message.Contains("type", StringComparison.Ordinal));
                if (!reported)
                {
                    missed.Add($"{pointer} = {replacement?.ToJsonString() ?? "null"}: {string.Join(" | ", failures)}");
                }
            }
        }

        Assert.True(pointers.Count > 100, $"only {pointers.Count} values walked");
        Assert.True(missed.Count == 0, string.Join('\n', missed));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(/vulnerabilities/[0-9]+/scores/[0-9]+/cvss_v[23])(/version)?$")]
    private static partial System.Text.RegularExpressions.Regex CvssObject();

    /// <summary>null, and a value of a kind the schema does not allow where the original stood.</summary>
    private static JsonNode?[] WrongTypes(JsonNode? original) => original?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => [JsonValue.Create(7), null],
        System.Text.Json.JsonValueKind.Number => [JsonValue.Create("7"), null],
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => [JsonValue.Create("true"), null],
        System.Text.Json.JsonValueKind.Object => [new JsonArray(), JsonValue.Create(7), null],
        System.Text.Json.JsonValueKind.Array => [new JsonObject(), JsonValue.Create(7), null],
        _ => [JsonValue.Create(7)],
    };

    private static void Walk(JsonNode? node, string pointer, List<string> pointers)
    {
        if (pointer.Length > 0)
        {
            pointers.Add(pointer);
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Walk(child, $"{pointer}/{key}", pointers);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{pointer}/{i}", pointers);
                }
                break;
        }
    }

    /// <summary>The example advisory as a csaf_vex document: every known_affected product has a remediation already.</summary>
    private static JsonNode VexDocument()
    {
        var document = CsafDocuments.Advisory();
        Set(document, "/document/category", "csaf_vex");
        return document;
    }

    private static JsonNode Json(string json) => JsonNode.Parse(json)!;

    private static void Set(JsonNode document, string pointer, JsonNode? value)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = document.At(pointer[..cut]);
        var key = pointer[(cut + 1)..];
        if (parent is JsonArray array)
        {
            array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[key] = value;
        }
    }

    private static void Add(JsonNode document, string arrayPointer, JsonNode value) => document.At(arrayPointer).AsArray().Add(value);
}
