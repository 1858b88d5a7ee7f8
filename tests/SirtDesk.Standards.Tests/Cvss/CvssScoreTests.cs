using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class CvssScoreTests
{
    // STANDARDS.md requirement 23: the v3.x/v4.0 qualitative severity rating scale.
    [Theory]
    [InlineData(0, CvssSeverity.None)]
    [InlineData(1, CvssSeverity.Low)]
    [InlineData(39, CvssSeverity.Low)]
    [InlineData(40, CvssSeverity.Medium)]
    [InlineData(69, CvssSeverity.Medium)]
    [InlineData(70, CvssSeverity.High)]
    [InlineData(89, CvssSeverity.High)]
    [InlineData(90, CvssSeverity.Critical)]
    [InlineData(100, CvssSeverity.Critical)]
    public void A_score_maps_to_the_severity_band_of_the_specification(int tenths, CvssSeverity severity)
    {
        Assert.Equal(severity, new CvssScore(tenths).Severity);
    }

    [Fact]
    public void Scores_print_with_one_decimal_whatever_the_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("9.8", new CvssScore(98).ToString());
            Assert.Equal("10.0", new CvssScore(100).ToString());
            Assert.Equal("0.0", new CvssScore(0).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_score_outside_0_to_10_cannot_be_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CvssScore(101));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CvssScore(-1));
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C/CR:H/MAV:L/MS:U")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L/MSI:S/U:Red")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/CDP:H/TD:M")]
    public void Parsing_and_scoring_a_valid_vector_allocates_nothing(string text)
    {
        var sum = CvssVector.Parse(text).Vector.Score().Overall.Tenths; // warm up: static tables are built once
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sum += CvssVector.Parse(text).Vector.Score().Overall.Tenths;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }
}
