using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

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
