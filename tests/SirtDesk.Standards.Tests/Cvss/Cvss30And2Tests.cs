using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class Cvss30Tests
{
    // FIRST, "CVSS v3.0 Examples" (https://www.first.org/cvss/v3.0/examples), by CVE.
    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1")] // CVE-2013-1937 phpMyAdmin reflected XSS
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9")] // CVE-2012-1516 VMware guest to host escape
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5")] // CVE-2014-0160 OpenSSL Heartbleed
    [InlineData("CVSS:3.0/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", "4.2")] // CVE-2009-0783 Apache Tomcat XML parser
    [InlineData("CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1")] // CVE-2014-3566 SSLv3 POODLE
    public void A_v30_base_vector_scores_as_the_specification_example(string vector, string expected)
    {
        Assert.Equal(expected, CvssVector.Parse(vector).Vector.Score().Base.ToString());
    }

    [Fact]
    public void V30_rounds_up_float_noise_that_v31_absorbs()
    {
        // Base 10.0 with RC:U (0.92) is exactly 9.2, but 10.0 × 1 × 1 × 0.92 is 9.200000000000001 in doubles:
        // FIRST's v3.0 calculator, Math.ceil(x * 10) / 10, made that 9.3; v3.1's Appendix A Roundup gives 9.2.
        var inDoubles = 10.0 * 1 * 1 * 0.92;
        Assert.NotEqual(9.2, inDoubles);
        var v30Expected = (decimal)(Math.Ceiling(inDoubles * 10) / 10);

        var v30 = CvssVector.Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U").Vector.Score();
        var v31 = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U").Vector.Score();

        Assert.Equal("10.0", v30.Base.ToString());
        Assert.Equal(9.3m, v30Expected);
        Assert.Equal(v30Expected, v30.Temporal!.Value.Value);
        Assert.Equal(Literal31.Roundup(10m * 0.92m), v31.Temporal!.Value.Value);
        Assert.Equal("9.2", v31.Temporal.ToString());
    }
}

public sealed class Cvss2Tests
{
    // FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0", section 3.3 (examples),
    // and STANDARDS.md requirement 29.
    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", "7.5", null, null)]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C", "10.0", null, null)]
    [InlineData("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C", "7.8", "6.4", null)] // 3.3.1 CVE-2002-0392
    [InlineData("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H", "7.8", "6.4", "9.2")] // 3.3.1
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C", "10.0", "8.3", null)] // 3.3.2 CVE-2003-0818
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L", "10.0", "8.3", "9.0")] // 3.3.2
    [InlineData("AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C", "6.2", "4.9", null)] // 3.3.3 CVE-2003-0062
    [InlineData("AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M", "6.2", "4.9", "7.5")] // 3.3.3
    public void A_v2_vector_scores_as_the_guide_example(string vector, string baseScore, string? temporal, string? environmental)
    {
        var parsed = CvssVector.Parse(vector);
        Assert.True(parsed.IsValid, parsed.Error);
        var scores = parsed.Vector.Score();
        Assert.Equal(CvssVersion.V2_0, scores.Version);
        Assert.Equal(baseScore, scores.Base.ToString());
        Assert.Equal(temporal, scores.Temporal?.ToString());
        Assert.Equal(environmental, scores.Environmental?.ToString());
    }

    [Fact]
    public void A_v2_vector_without_impact_scores_zero()
    {
        Assert.Equal("0.0", CvssVector.Parse("AV:N/AC:L/Au:N/C:N/I:N/A:N").Vector.Score().Base.ToString());
    }
}
