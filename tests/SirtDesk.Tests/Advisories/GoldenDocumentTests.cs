using System.Text.Json;
using System.Text.Json.Nodes;
using SirtDesk.Advisories;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Csaf;

namespace SirtDesk.Tests.Advisories;

/// <summary>
/// The documents generated for a fixed advisory (the sample profile, fixed dates) compared with the files in
/// TestData/advisories (see SOURCE.md there); a difference writes the new output beside the temp directory for review.
/// </summary>
public sealed class GoldenDocumentTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    private static readonly AdvisoryContent Content = AdvisorySteps.Text() with
    {
        Acknowledgements = [new Acknowledgement("山田 太郎", "Example Security")],
    };

    private static List<AdvisoryRevision> History(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new AdvisoryRevision
        {
            Number = n,
            PublishedAt = First.AddDays(n - 1),
            Summary = n == 1 ? AdvisoryOperations.InitialReleaseSummary : "Added a workaround",
            SubmittedBy = "author@example.com",
            ApprovedBy = "reviewer@example.com",
            ContentJson = Content.ToJson(),
            CsafJson = "",
        })];

    private static void AssertGolden(string name, string actual)
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "advisories", name));
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "golden-actual-" + name), actual);
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_csaf_document_of_a_twice_published_advisory_matches_the_golden_file_and_passes_every_mandatory_test()
    {
        var csaf = CsafDocument.Build("SDA-2026-0001", Content, History(2), ProfileStore.Default, "https://security.example.com", "en");
        Assert.Empty(CsafValidator.Validate(csaf));
        AssertGolden("SDA-2026-0001.csaf.json", CsafDocument.Serialize(csaf));
        Assert.Equal("sda-2026-0001.json", CsafDocument.FileName("SDA-2026-0001"));
        Assert.Equal("2022_01-a.json", CsafDocument.FileName("2022_#01-A")); // CSAF 2.0 §5.1's own example
    }

    [Fact]
    public void The_japanese_csaf_document_passes_every_mandatory_test()
    {
        var csaf = CsafDocument.Build("SDA-2026-0001", Content, History(1), ProfileStore.Default, "https://security.example.com", "ja");
        Assert.Empty(CsafValidator.Validate(csaf));
        Assert.Equal("Kumogawa Groupware におけるクロスサイトスクリプティングの脆弱性", (string?)csaf["document"]!["title"]);
    }

    [Fact]
    public void A_cvss_v4_only_advisory_has_no_csaf_scores_but_a_note_with_the_v4_vector_and_score()
    {
        // CVSS v4.0 specification, section 7 example vector; 9.3 Critical per FIRST's calculator.
        const string v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        var csaf = CsafDocument.Build("SDA-2026-0002", Content with { CvssVector = v4 }, History(1), ProfileStore.Default, "https://security.example.com", "en");
        Assert.Empty(CsafValidator.Validate(csaf));
        var vulnerability = csaf["vulnerabilities"]![0]!;
        Assert.Null(vulnerability["scores"]);
        var note = vulnerability["notes"]!.AsArray().Single(n => (string?)n!["title"] == "CVSS v4.0")!;
        Assert.Equal("other", (string?)note["category"]);
        Assert.Equal($"{v4} — 9.3 (CRITICAL)", (string?)note["text"]);
    }

    [Fact]
    public void A_draft_exports_as_a_csaf_draft_with_version_zero()
    {
        var csaf = CsafDocument.Build("SDA-2026-0003", Content, [], ProfileStore.Default, "https://security.example.com", "en", First);
        Assert.Empty(CsafValidator.Validate(csaf));
        Assert.Equal("draft", (string?)csaf["document"]!["tracking"]!["status"]);
        Assert.Equal("0", (string?)csaf["document"]!["tracking"]!["version"]);
    }

    [Fact]
    public void The_cve_record_matches_the_golden_file_and_the_cve_json_5_schema()
    {
        var advisory = new Advisory { Number = "SDA-2026-0001", Team = "psirt", ContentJson = Content.ToJson(), CreatedBy = "author@example.com", InitialReleaseAt = First, CurrentReleaseAt = First.AddDays(1) };
        var record = Assert.Single(CveRecords.Build(advisory, Content, "https://security.example.com", "00000000-0000-4000-8000-000000000000", "KS-SIRT", First.AddDays(1)));
        Assert.Empty(CveRecordValidator.Validate(record));
        AssertGolden("CVE-2026-10001.cve.json", record.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
