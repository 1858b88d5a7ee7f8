using BenchmarkDotNet.Attributes;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Bench;

/// <summary>
/// Parse + score throughput (issue 3). Each invocation handles <see cref="Batch"/> vectors, half with environmental
/// (and temporal/threat) metrics, so per-vector time is the reported mean divided by <see cref="Batch"/>.
/// </summary>
[MemoryDiagnoser]
public class CvssBenchmarks
{
    public const int Batch = 1000;

    private string[] _v31 = [];
    private string[] _v40 = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] v31 =
        [
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:W/RC:C",
            "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:L",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/MS:C/MC:N/MI:H/MA:H/CR:L/IR:L/AR:M",
            "CVSS:3.1/AV:A/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N",
            "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/E:U/RL:O/RC:R/CR:H/IR:M/AR:L/MAV:N/MAC:L/MPR:N/MUI:N/MS:C/MC:H/MI:H/MA:H",
        ];
        string[] v40 =
        [
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/IR:L/AR:L",
            "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:P/VC:L/VI:H/VA:N/SC:H/SI:L/SA:N",
            "CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:H/E:A/CR:H/IR:M/MAV:P/MAT:N/MPR:N/MUI:P/MVA:N/MSC:L/S:N/AU:Y/R:U/RE:H/U:Green",
            "CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:N/VI:L/VA:H/SC:L/SI:H/SA:L",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/MSI:S/MSA:S",
        ];
        _v31 = [.. Enumerable.Range(0, Batch).Select(i => v31[i % v31.Length])];
        _v40 = [.. Enumerable.Range(0, Batch).Select(i => v40[i % v40.Length])];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ParseAndScoreV31() => Run(_v31);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ParseAndScoreV40() => Run(_v40);

    private static int Run(string[] vectors)
    {
        var sum = 0;
        foreach (var text in vectors)
        {
            var parsed = CvssVector.Parse(text);
            sum += parsed.Vector.Score().Overall.Tenths;
        }
        return sum;
    }
}
