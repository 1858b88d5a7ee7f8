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
