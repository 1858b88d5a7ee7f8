using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SirtDesk.Standards.Cvss;

/// <summary>
/// The logic of the CLI verb <c>sirtdesk cvss score</c>: vectors in, one FIRST-schema JSON object per line out.
/// </summary>
public static class CvssScoreCommand
{
    /// <summary>
    /// Reads one vector per line (LF; a trailing CR is ignored) and writes one JSON object per input line, in input
    /// order: the schema object of a valid vector, or <c>{"vectorString": "&lt;as given&gt;", "error": "&lt;reason&gt;"}</c>
    /// for an invalid one (empty lines included). Returns 0 when every line was valid, 1 otherwise.
    /// </summary>
    public static int Run(TextReader stdin, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, CvssJson.WriterOptions);
        var chars = new char[1024];
        var allValid = true;
        foreach (var line in Lines(stdin))
        {
            var parsed = CvssVector.Parse(line);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            if (parsed.IsValid)
            {
                var vector = parsed.Vector;
                CvssJson.Write(writer, vector, vector.Score());
            }
            else
            {
                allValid = false;
                CvssJson.WriteError(writer, line, parsed.Error!);
            }
            writer.Flush();
            var needed = Encoding.UTF8.GetMaxCharCount(buffer.WrittenCount);
            if (chars.Length < needed)
            {
                chars = new char[needed];
            }
            var count = Encoding.UTF8.GetChars(buffer.WrittenSpan, chars);
            stdout.Write(chars, 0, count);
            stdout.Write('\n');
        }
        stdout.Flush();
        return allValid ? 0 : 1;
    }

    /// <summary>
    /// Splits on LF only (a lone CR inside a line stays part of it) and drops one CR before the LF; a final line
    /// without LF counts, an empty remainder after the last LF does not.
    /// </summary>
    private static IEnumerable<string> Lines(TextReader reader)
    {
        var line = new StringBuilder();
        var block = new char[4096];
        var pending = false;
        int read;
        while ((read = reader.Read(block, 0, block.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (block[i] != '\n')
                {
                    continue;
                }
                line.Append(block, start, i - start);
                yield return Finish(line);
                line.Clear();
                pending = false;
                start = i + 1;
            }
            if (start < read)
            {
                line.Append(block, start, read - start);
                pending = true;
            }
        }
        if (pending)
        {
            yield return Finish(line);
        }
    }

    private static string Finish(StringBuilder line)
    {
        var length = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        return line.ToString(0, length);
    }

    /// <summary>
    /// Prints a readable table of a vector: each metric with its value and meaning, then the scores and the
    /// intermediate values they come from. Returns 0, or prints the reason and returns 1 for an invalid vector.
    /// </summary>
    public static int Explain(string vector, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(stdout);
        var parsed = CvssVector.Parse(vector.AsSpan().TrimEnd('\r'));
        if (!parsed.IsValid)
        {
            stdout.Write($"invalid CVSS vector: {parsed.Error}\n");
            return 1;
        }
        stdout.Write(CvssExplanation.Render(parsed.Vector));
        return 0;
    }
}

/// <summary>The text table of <see cref="CvssScoreCommand.Explain"/>.</summary>
public static class CvssExplanation
{
    /// <summary>Renders the metric table and the score breakdown of a valid vector, lines ending in LF.</summary>
    public static string Render(in CvssVector vector)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var versionName = vector.Version switch
        {
            CvssVersion.V2_0 => "2.0",
            CvssVersion.V3_0 => "3.0",
            CvssVersion.V3_1 => "3.1",
            _ => "4.0",
        };
        sb.Append(inv, $"CVSS v{versionName}  {vector}\n\n");
        sb.Append(inv, $"{"Metric",-48} {"Value",-6} Meaning\n");
        var metrics = vector.Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            var stored = vector[i];
            if (stored == 0)
            {
                continue;
            }
            var m = metrics[i];
            var value = m.Values[stored - 1];
            sb.Append(inv, $"{m.Key + " (" + m.Name + ")",-48} {value.Code,-6} {value.Meaning}\n");
        }
        sb.Append('\n');

        string F(double d) => d.ToString("0.0####", inv);
        var isV2 = vector.Version == CvssVersion.V2_0;
        string Severity(CvssScores s, CvssScore score) =>
            isV2 ? $"{score} ({s.SeverityOf(score)}, NVD's v2 band)" : $"{score} ({score.Severity})";

        switch (vector.Version)
        {
            case CvssVersion.V2_0:
                {
                    var s = Cvss2Scorer.Score(vector, out var b);
                    sb.Append(inv, $"Impact          {F(b.Impact)}\nExploitability  {F(b.Exploitability)}\n");
                    sb.Append(inv, $"Base score      {Severity(s, s.Base)}\n");
                    if (s.Temporal is { } t)
                    {
                        sb.Append(inv, $"Temporal score  {Severity(s, t)}\n");
                    }
                    if (s.Environmental is { } e)
                    {
                        sb.Append(inv, $"Adjusted impact {F(b.AdjustedImpact)}  adjusted base {b.AdjustedBaseTenths / 10.0:0.0}  adjusted temporal {b.AdjustedTemporalTenths / 10.0:0.0}\n");
                        sb.Append(inv, $"Environmental   {Severity(s, e)}\n");
                    }
                    break;
                }
            case CvssVersion.V4_0:
                {
                    var s = Cvss4Scorer.Score(vector, out var b);
                    sb.Append(inv, $"MacroVector     {b.MacroVector} (EQ1…EQ6), table score {b.LookupTenths / 10.0:0.0}\n");
                    if (b.AllImpactsNone)
                    {
                        sb.Append("All six impact metrics are None: the score is 0.0\n");
                    }
                    else
                    {
                        sb.Append(inv, $"Severity distances from the MacroVector's max vector (0.1 steps): EQ1 {b.Eq1Distance}, EQ2 {b.Eq2Distance}, EQ3+EQ6 {b.Eq3Eq6Distance}, EQ4 {b.Eq4Distance}; {b.LowerMacroVectors} lower MacroVectors averaged\n");
                    }
                    sb.Append(inv, $"{s.Nomenclature,-15} {Severity(s, s.Base)}\n");
                    break;
                }
            default:
                {
                    var s = Cvss3Scorer.Score(vector, out var b);
                    sb.Append(inv, $"ISS             {F(b.Iss)}\nImpact          {F(b.Impact)}\nExploitability  {F(b.Exploitability)}\n");
                    sb.Append(inv, $"Base score      {Severity(s, s.Base)}\n");
                    if (s.Temporal is { } t)
                    {
                        sb.Append(inv, $"Temporal factor {F(b.TemporalFactor)} (E × RL × RC)\nTemporal score  {Severity(s, t)}\n");
                    }
                    if (s.Environmental is { } e)
                    {
                        sb.Append(inv, $"MISS            {F(b.Miss)}\nModified impact {F(b.ModifiedImpact)}\nModified exploitability {F(b.ModifiedExploitability)}\n");
                        sb.Append(inv, $"Environmental   {Severity(s, e)}\n");
                    }
                    break;
                }
        }
        return sb.ToString();
    }
}
