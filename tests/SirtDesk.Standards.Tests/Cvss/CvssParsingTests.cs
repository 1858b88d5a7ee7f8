using System.Diagnostics;
using FsCheck.Xunit;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class CvssParsingTests
{
    [Theory]
    [InlineData("CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric AV missing")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:Q/UI:N/S:U/C:H/I:H/A:H", "PR:Q is not a valid value")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/S:C/C:H/I:H/A:H", "duplicate metric S")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "metric A missing")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P", "metric A missing")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", "E:X is not a valid value")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "metric SA missing")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "SI:S is not a valid value")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:clear", "U:clear is not a valid value")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:A", "duplicate metric E")]
    public void A_broken_vector_is_refused_with_a_precise_reason(string vector, string error)
    {
        var result = CvssVector.Parse(vector);
        Assert.False(result.IsValid);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void V40_requires_the_specification_metric_order_and_v3_does_not()
    {
        var v4 = CvssVector.Parse("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        Assert.False(v4.IsValid);
        Assert.Contains("metric AV out of order", v4.Error, StringComparison.Ordinal);
        var v4Optional = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A");
        Assert.Contains("metric E out of order", v4Optional.Error, StringComparison.Ordinal);

        var v3 = CvssVector.Parse("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N");
        Assert.True(v3.IsValid);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", v3.Vector.ToString());
    }

    [Fact]
    public void Safety_is_a_value_of_the_modified_subsequent_integrity_only()
    {
        const string Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
        Assert.True(CvssVector.Parse(Base + "/MSI:S").IsValid);
        Assert.True(CvssVector.Parse(Base + "/MSA:S").IsValid);
        Assert.False(CvssVector.Parse(Base + "/MSC:S").IsValid);
    }

    [Theory]
    [InlineData("", "vector is empty")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "trailing '/' after the last metric")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/", "trailing '/' after the last metric")]
    [InlineData("CVSS:3.1/", "trailing '/' after the last metric")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty metric between two '/'")]
    [InlineData("CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric av is unknown")]
    [InlineData("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV:n is not a valid value")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r", "A:H\r is not a valid value")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "metric AT is unknown")]
    [InlineData(" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric  CVSS is unknown")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A", "A is not a metric:value pair")]
    public void Empty_lowercase_and_malformed_input_is_refused(string vector, string error)
    {
        Assert.Equal(error, CvssVector.Parse(vector).Error);
    }

    [Theory]
    [InlineData("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("CVSS:5.0/AV:N")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1")]
    public void Unknown_versions_and_prefixes_are_refused(string vector)
    {
        var result = CvssVector.Parse(vector);
        Assert.False(result.IsValid);
        Assert.StartsWith(vector == "CVSS:3.1" ? "metric AV missing" : "unknown CVSS version prefix", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_10_kB_line_is_refused_quickly_without_an_exception()
    {
        var line = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" + string.Concat(Enumerable.Repeat("/E:X", 2500));
        Assert.True(line.Length > 10_000);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.False(CvssVector.Parse(line).IsValid);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"10,000 refusals took {watch.Elapsed}");
        Assert.Equal("vector is longer than 256 characters", CvssVector.Parse(line).Error);
    }

    [Fact]
    public void The_longest_valid_vectors_fit_under_the_length_limit()
    {
        var longest4 = "CVSS:4.0/" + string.Join('/', VectorText.V4.Select(m => $"{m.Key}:{m.Values.MaxBy(v => v.Length)}"));
        var longest2 = string.Join('/', VectorText.V2.Select(m => $"{m.Key}:{m.Values.MaxBy(v => v.Length)}"));
        Assert.True(CvssVector.Parse(longest4).IsValid, CvssVector.Parse(longest4).Error);
        Assert.True(CvssVector.Parse(longest2).IsValid, CvssVector.Parse(longest2).Error);
    }

    [Fact]
    public void Reading_the_vector_of_an_invalid_result_is_a_bug()
    {
        Assert.Throws<InvalidOperationException>(() => CvssVector.Parse("nonsense").Vector);
    }

    [Fact]
    public void Metric_values_can_be_read_by_key()
    {
        var vector = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/U:Amber").Vector;
        Assert.Equal("N", vector["AV"]);
        Assert.Equal("S", vector["MSI"]);
        Assert.Equal("Amber", vector["U"]);
        Assert.Null(vector["E"]);
        Assert.Equal(CvssVersion.V4_0, vector.Version);
    }

    [Property(Arbitrary = [typeof(CvssArbitraries)], MaxTest = 2000)]
    public bool Formatting_a_parsed_vector_gives_its_canonical_form(GeneratedVector generated)
    {
        var result = CvssVector.Parse(generated.Text);
        return result.IsValid && result.Vector.ToString() == generated.Canonical
            && CvssVector.Parse(result.Vector.ToString()).Vector == result.Vector;
    }

    [Property(Arbitrary = [typeof(CvssArbitraries)], MaxTest = 2000)]
    public bool Every_score_lies_between_0_and_10_and_temporal_never_exceeds_base(GeneratedVector generated)
    {
        var scores = CvssVector.Parse(generated.Text).Vector.Score();
        bool InRange(CvssScore? s) => s is null || (s.Value.Value >= 0m && s.Value.Value <= 10m);
        return InRange(scores.Base) && InRange(scores.Temporal) && InRange(scores.Environmental)
            && (scores.Temporal is null || scores.Temporal.Value.Tenths <= scores.Base.Tenths);
    }

    private static readonly string[] V3Prefixes = ["CVSS:3.0/", "CVSS:3.1/"];
    private static readonly string[] Impacts = ["C", "I", "A"];
    private static readonly (string, string)[] Raises = [("N", "L"), ("L", "H")];

    [Fact]
    public void Raising_an_impact_metric_never_lowers_a_v3_base_score()
    {
        // Exhaustive over all 2,592 base vectors of both v3 versions: N → L → H for each of C, I, A.
        foreach (var version in V3Prefixes)
        {
            foreach (var metrics in Literal31.AllBaseVectors())
            {
                var before = CvssVector.Parse(version + metrics).Vector.Score().Base.Tenths;
                foreach (var key in Impacts)
                {
                    foreach (var (from, to) in Raises)
                    {
                        if (!metrics.Contains($"/{key}:{from}", StringComparison.Ordinal))
                        {
                            continue;
                        }
                        var raised = metrics.Replace($"/{key}:{from}", $"/{key}:{to}", StringComparison.Ordinal);
                        var after = CvssVector.Parse(version + raised).Vector.Score().Base.Tenths;
                        Assert.True(after >= before, $"{version}{metrics} {before} → {raised} {after}");
                    }
                }
            }
        }
    }

    private static readonly string[] ModifiedImpacts = ["MC", "MI", "MA"];
    private static readonly string[] ImpactLevels = ["N", "L", "H"];

    [Fact]
    public void Raising_a_modified_impact_never_lowers_a_v31_environmental_score()
    {
        // The reason for v3.1's changed ModifiedImpact formula (specification section 7.3, v3.1 "Changes" list).
        var random = new Random(7);
        for (var n = 0; n < 20000; n++)
        {
            var body = string.Join('/', VectorText.RandomV3Metrics(random).Split('/').Where(p => !ModifiedImpacts.Contains(p.Split(':')[0])));
            var raised = ModifiedImpacts[random.Next(3)];
            var others = string.Join('/', ModifiedImpacts.Where(k => k != raised).Select(k => $"{k}:{ImpactLevels[random.Next(3)]}"));
            var previous = -1;
            foreach (var level in ImpactLevels)
            {
                var vector = $"CVSS:3.1/{body}/{others}/{raised}:{level}";
                var score = CvssVector.Parse(vector).Vector.Score().Environmental!.Value.Tenths;
                Assert.True(score >= previous, $"{vector} fell to {score} from {previous}");
                previous = score;
            }
        }
    }
}
