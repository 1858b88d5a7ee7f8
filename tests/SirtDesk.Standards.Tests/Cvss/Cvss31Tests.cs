using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class Cvss31Tests
{
    // FIRST, "CVSS v3.1 Examples" (https://www.first.org/cvss/v3.1/examples): the base vector and score published
    // for each example vulnerability, listed by CVE. The same vectors and scores appear in the v3.0 examples.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1")] // CVE-2013-1937 phpMyAdmin reflected XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", "6.4")] // CVE-2013-0375 MySQL stored SQL injection
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1")] // CVE-2014-3566 SSLv3 POODLE
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9")] // CVE-2012-1516 VMware guest to host escape
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", "4.2")] // CVE-2009-0783 Apache Tomcat XML parser
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "8.8")] // CVE-2012-0384 Cisco IOS command execution
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "7.8")] // CVE-2015-1098 Apple iWork denial of service
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5")] // CVE-2014-0160 OpenSSL Heartbleed
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8")] // CVE-2014-6271 GNU Bash Shellshock
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", "6.8")] // CVE-2008-1447 DNS Kaminsky bug
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "6.8")] // CVE-2014-2005 Sophos login screen bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", "5.8")] // CVE-2010-0467 Joomla directory traversal
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", "5.8")] // CVE-2012-1342 Cisco access control bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", "5.4")] // CVE-2014-9253 DokuWiki reflected XSS
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "8.8")] // CVE-2011-1265 Microsoft Windows Bluetooth RCE
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", "4.6")] // CVE-2014-2019 Apple iOS security control bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "8.8")] // CVE-2015-0970 SearchBlox CSRF
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", "7.4")] // CVE-2014-0224 OpenSSL CCS injection
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", "9.6")] // CVE-2012-5376 Google Chrome sandbox bypass
    public void A_v31_base_vector_scores_as_the_specification_example(string vector, string expected)
    {
        Assert.Equal(expected, Score(vector).Base.ToString());
    }

    // shared/STANDARDS.md section 11, checkable requirements 14 to 18 and 22.
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8", CvssSeverity.Critical)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0", CvssSeverity.Critical)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "7.8", CvssSeverity.High)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "5.9", CvssSeverity.Medium)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", "0.0", CvssSeverity.None)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "0.0", CvssSeverity.None)]
    public void A_v3_base_score_has_the_severity_of_its_band(string vector, string expected, CvssSeverity severity)
    {
        var scores = Score(vector);
        Assert.Equal(expected, scores.Base.ToString());
        Assert.Equal(severity, scores.Base.Severity);
    }

    [Fact]
    public void Temporal_and_environmental_scores_follow_the_base_score_of_the_standards_example()
    {
        var scores = Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C");
        Assert.Equal("6.1", scores.Base.ToString());
        Assert.Equal("5.6", scores.Temporal.ToString());
        Assert.Null(scores.Environmental);

        var withEnvironment = Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C/CR:X");
        Assert.Equal("5.6", withEnvironment.Environmental.ToString());
    }

    [Fact]
    public void The_scope_changed_environmental_formula_differs_between_v30_and_v31_as_the_specification_says()
    {
        const string metrics = "AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/MS:C/MC:N/MI:H/MA:H/CR:L/IR:L/AR:M";
        Assert.Equal("9.6", Score("CVSS:3.0/" + metrics).Environmental.ToString());
        Assert.Equal("9.5", Score("CVSS:3.1/" + metrics).Environmental.ToString());
    }

    [Fact]
    public void Modified_privileges_required_weighs_by_the_modified_scope()
    {
        // PR:L weighs 0.62 with S:U and 0.68 with S:C; MS:C must switch MPR (here X, so PR:L) to 0.68.
        var unchanged = Score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:U");
        var changed = Score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C");
        Assert.Equal(Literal31.Environmental("AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:U"), unchanged.Environmental!.Value.Value);
        Assert.Equal(Literal31.Environmental("AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C"), changed.Environmental!.Value.Value);
        Assert.Equal("8.8", unchanged.Environmental.ToString()); // all modified metrics equal to base: the base score of CVE-2012-0384
        Assert.True(changed.Environmental!.Value.Tenths > unchanged.Environmental!.Value.Tenths);
    }

    // STANDARDS.md requirement 20: Appendix A's Roundup.
    [Theory]
    [InlineData(4.02, 41)]
    [InlineData(4.0, 40)]
    [InlineData(4.000001, 40)]
    [InlineData(4.00001, 41)]
    public void Roundup_of_appendix_a_ignores_float_noise_below_one_hundred_thousandth(double input, int tenths)
    {
        Assert.Equal(tenths, Roundup31Probe(input));
    }

    [Fact]
    public void Every_one_of_the_2592_base_vectors_scores_as_the_literal_specification_formula()
    {
        var count = 0;
        foreach (var metrics in Literal31.AllBaseVectors())
        {
            var scores = Score("CVSS:3.1/" + metrics);
            Assert.True(Literal31.Base(metrics) == scores.Base.Value, $"{metrics}: expected {Literal31.Base(metrics)}, got {scores.Base}");
            count++;
        }
        Assert.Equal(2592, count);
    }

    [Fact]
    public void Random_vectors_with_every_group_score_as_the_literal_specification_formula()
    {
        var random = new Random(20241101);
        for (var n = 0; n < 20000; n++)
        {
            var metrics = VectorText.RandomV3Metrics(random);
            var scores = Score("CVSS:3.1/" + metrics);
            Assert.True(Literal31.Temporal(metrics) == scores.Temporal?.Value, $"{metrics}: temporal {scores.Temporal} vs {Literal31.Temporal(metrics)}");
            Assert.True(Literal31.Environmental(metrics) == scores.Environmental?.Value, $"{metrics}: environmental {scores.Environmental} vs {Literal31.Environmental(metrics)}");
        }
    }

    private static int Roundup31Probe(double input)
    {
        var product = Cvss3Scorer.Roundup31(input);
        Assert.Equal(Literal31.Roundup((decimal)input) * 10, product);
        return product;
    }

    private static CvssScores Score(string vector)
    {
        var parsed = CvssVector.Parse(vector);
        Assert.True(parsed.IsValid, parsed.Error);
        return parsed.Vector.Score();
    }
}
