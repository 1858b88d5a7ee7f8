using System.IO.Compression;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class Cvss4Tests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "cvss", name);

    // STANDARDS.md section 3.2 "Verified outputs" and requirements 24 to 26 (FIRST's calculator).
    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3", "CVSS-B", "000200")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", "8.1", "CVSS-BT", "000220")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L", "8.9", "CVSS-BE", "000201")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", "10.0", "CVSS-B", "000100")]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "8.5", "CVSS-B", "100200")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "1.0", "CVSS-B", "212201")]
    public void A_v40_vector_scores_as_the_reference_calculator_with_its_nomenclature(string vector, string score, string nomenclature, string macroVector)
    {
        var scores = CvssVector.Parse(vector).Vector.Score();
        Assert.Equal(score, scores.Base.ToString());
        Assert.Equal(nomenclature, scores.Nomenclature);
        Assert.Equal(macroVector, scores.MacroVector);
    }

    [Fact]
    public void All_six_impacts_none_score_zero_whatever_the_other_metrics()
    {
        foreach (var rest in new[] { "", "/E:A", "/E:U/CR:H/MAV:N/MAC:L", "/MAV:P/MPR:H/S:P/U:Red" })
        {
            var scores = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N" + rest).Vector.Score();
            Assert.Equal("0.0", scores.Base.ToString());
            Assert.Equal(CvssSeverity.None, scores.Base.Severity);
        }
    }

    [Fact]
    public void The_lookup_table_has_exactly_the_270_macro_vectors_of_first()
    {
        Assert.Equal(270, Cvss4Tables.LookupCount);
        Assert.Equal(270, Cvss4Tables.Lookup.Count(score => score >= 0));
    }

    [Fact]
    public void Every_one_of_the_104976_base_vectors_matches_the_reference_scores()
    {
        using var gzip = new GZipStream(File.OpenRead(DataFile("base-all.tsv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var (count, mismatches) = Check(reader);
        Assert.Equal(104976, count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void The_5000_threat_and_environmental_sample_vectors_match_the_reference_scores()
    {
        using var reader = new StreamReader(DataFile("sample-bte.tsv"));
        var (count, mismatches) = Check(reader);
        Assert.Equal(5000, count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void The_300_hand_picked_vectors_match_the_reference_scores_including_exact_ties()
    {
        using var reader = new StreamReader(DataFile("vectors.tsv"));
        var (count, mismatches) = Check(reader);
        Assert.Equal(300, count);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void An_exact_tie_rounds_half_up()
    {
        // SOURCES.md: exactly 8.55; 8.6 under the corrected rule, 8.5 with FIRST's Aug-2024 double arithmetic.
        Assert.Equal("8.6", CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H").Vector.Score().Base.ToString());
    }

    private static (int Count, List<string> Mismatches) Check(StreamReader reader)
    {
        var count = 0;
        var mismatches = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            var parsed = CvssVector.Parse(fields[0]);
            if (!parsed.IsValid)
            {
                mismatches.Add($"{fields[0]}: {parsed.Error}");
                continue;
            }
            var score = parsed.Vector.Score().Base;
            if (score.ToString() != fields[1] || score.Severity.ToString() != fields[2])
            {
                mismatches.Add($"{fields[0]}: expected {fields[1]} {fields[2]}, got {score} {score.Severity}");
            }
            count++;
        }
        return (count, mismatches.Take(20).ToList());
    }
}
