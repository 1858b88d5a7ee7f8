using System.Text.Json;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Standards.Tests.Cvss;

public sealed class CvssScoreCommandTests
{
    private static (int ExitCode, string[] Lines) Score(string stdin)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        var exit = CvssScoreCommand.Run(input, output);
        var text = output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (exit, text[..^1].Split('\n'));
    }

    [Fact]
    public void Valid_lines_give_one_schema_object_each_in_input_order_and_exit_0()
    {
        var (exit, lines) = Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\nAV:N/AC:L/Au:N/C:P/I:P/A:P\r\nCVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U\n");
        Assert.Equal(0, exit);
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(9.8m, first.RootElement.GetProperty("baseScore").GetDecimal());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("2.0", second.RootElement.GetProperty("version").GetString());
        Assert.Equal(7.5m, second.RootElement.GetProperty("baseScore").GetDecimal());
        using var third = JsonDocument.Parse(lines[2]);
        Assert.Equal(8.1m, third.RootElement.GetProperty("baseScore").GetDecimal());
        Assert.Equal("HIGH", third.RootElement.GetProperty("baseSeverity").GetString());
    }

    [Fact]
    public void An_invalid_line_gives_an_error_object_and_processing_continues_with_exit_1()
    {
        var (exit, lines) = Score("CVSS:3.1/AV:N/AC:L/PR:Q/UI:N/S:U/C:H/I:H/A:H\n\nCVSS:3.1/av:n/AC:L\nCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/\nCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Equal(1, exit);
        Assert.Equal(5, lines.Length);
        Assert.Equal("""{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:Q/UI:N/S:U/C:H/I:H/A:H","error":"PR:Q is not a valid value"}""", lines[0]);
        Assert.Equal("""{"vectorString":"","error":"vector is empty"}""", lines[1]);
        Assert.Equal("""{"vectorString":"CVSS:3.1/av:n/AC:L","error":"metric av is unknown"}""", lines[2]);
        Assert.Equal("""{"vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/","error":"trailing '/' after the last metric"}""", lines[3]);
        Assert.StartsWith("""{"version":"3.1","vectorString":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",""", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_input_is_read_as_lines_without_the_carriage_return()
    {
        var (exit, lines) = Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\nCVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r\n");
        Assert.Equal(0, exit);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\r', string.Concat(lines));
    }

    [Fact]
    public void A_10_kB_line_is_an_error_line_echoed_as_given()
    {
        var huge = new string('A', 10_240);
        var (exit, lines) = Score($"{huge}\nCVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n");
        Assert.Equal(1, exit);
        Assert.Equal(2, lines.Length);
        using var doc = JsonDocument.Parse(lines[0]);
        Assert.Equal(huge, doc.RootElement.GetProperty("vectorString").GetString());
        Assert.Equal("vector is longer than 256 characters", doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void No_input_gives_no_output_and_exit_0()
    {
        using var input = new StringReader("");
        using var output = new StringWriter();
        Assert.Equal(0, CvssScoreCommand.Run(input, output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Explain_prints_each_metric_with_its_meaning_and_the_score_breakdown()
    {
        using var output = new StringWriter();
        Assert.Equal(0, CvssScoreCommand.Explain("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C", output));
        var text = output.ToString();
        Assert.Contains("AV (Attack Vector)", text, StringComparison.Ordinal);
        Assert.Contains("Network", text, StringComparison.Ordinal);
        Assert.Contains("Base score      6.1 (Medium)", text, StringComparison.Ordinal);
        Assert.Contains("Temporal score  5.6 (Medium)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_the_macro_vector_of_a_v40_vector()
    {
        using var output = new StringWriter();
        Assert.Equal(0, CvssScoreCommand.Explain("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", output));
        Assert.Contains("MacroVector     000220", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("CVSS-BT         8.1 (High)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_an_invalid_vector_prints_the_reason_and_returns_1()
    {
        using var output = new StringWriter();
        Assert.Equal(1, CvssScoreCommand.Explain("CVSS:3.1/AV:N", output));
        Assert.Equal("invalid CVSS vector: metric AC missing\n", output.ToString());
    }
}
