namespace SirtDesk.Standards.Cvss;

/// <summary>
/// CVSS v3.0 and v3.1 scoring (v3.1 specification section 7 and Appendix A; v3.0 specification section 8),
/// with the weights, operand order and double arithmetic of FIRST's calculators.
/// </summary>
internal static class Cvss3Scorer
{
    // Indexes follow the value order of CvssMetrics.V3 (the stored code minus one).
    private static readonly double[] Av = [0.85, 0.62, 0.55, 0.2];
    private static readonly double[] Ac = [0.77, 0.44];
    private static readonly double[] PrUnchanged = [0.85, 0.62, 0.27];
    private static readonly double[] PrChanged = [0.85, 0.68, 0.5];
    private static readonly double[] Ui = [0.85, 0.62];
    private static readonly double[] Cia = [0.56, 0.22, 0];

    // X first: an absent metric (stored 0) and X (stored 1) both weigh as Not Defined.
    private static readonly double[] E = [1, 1, 0.97, 0.94, 0.91];
    private static readonly double[] Rl = [1, 1, 0.97, 0.96, 0.95];
    private static readonly double[] Rc = [1, 1, 0.96, 0.92];
    private static readonly double[] Req = [1, 1.5, 1, 0.5];

    internal const int AV = 0, AC = 1, PR = 2, UI = 3, S = 4, C = 5, I = 6, A = 7, EM = 8, RL = 9, RC = 10, CR = 11, IR = 12, AR = 13;
    internal const int MAV = 14, MAC = 15, MPR = 16, MUI = 17, MS = 18, MC = 19, MI = 20, MA = 21;

    /// <summary>The intermediate values of the formulas, for explanations.</summary>
    internal readonly record struct Breakdown(
        double Iss, double Impact, double Exploitability, double TemporalFactor, double Miss, double ModifiedImpact, double ModifiedExploitability);

    public static CvssScores Score(in CvssVector v) => Score(v, out _);

    public static CvssScores Score(in CvssVector v, out Breakdown breakdown)
    {
        var v31 = v.Version == CvssVersion.V3_1;
        var changed = v[S] == 2;
        var iss = 1 - ((1 - Cia[v[C] - 1]) * (1 - Cia[v[I] - 1]) * (1 - Cia[v[A] - 1]));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * Av[v[AV] - 1] * Ac[v[AC] - 1] * (changed ? PrChanged : PrUnchanged)[v[PR] - 1] * Ui[v[UI] - 1];
        var baseTenths = impact <= 0
            ? 0
            : Roundup(v31, changed ? Math.Min(1.08 * (impact + exploitability), 10) : Math.Min(impact + exploitability, 10));

        var e = E[Optional(v[EM])];
        var rl = Rl[Optional(v[RL])];
        var rc = Rc[Optional(v[RC])];
        CvssScore? temporal = null;
        if (v[EM] != 0 || v[RL] != 0 || v[RC] != 0)
        {
            temporal = new CvssScore(Roundup(v31, baseTenths / 10.0 * e * rl * rc));
        }

        double miss = 0, modifiedImpact = 0, modifiedExploitability = 0;
        CvssScore? environmental = null;
        if (HasEnvironmental(v))
        {
            var modifiedChanged = Modified(v[MS], v[S]) == 2;
            var cr = Req[Optional(v[CR])];
            var ir = Req[Optional(v[IR])];
            var ar = Req[Optional(v[AR])];
            miss = Math.Min(1 - ((1 - (Cia[Modified(v[MC], v[C]) - 1] * cr)) * (1 - (Cia[Modified(v[MI], v[I]) - 1] * ir)) * (1 - (Cia[Modified(v[MA], v[A]) - 1] * ar))), 0.915);
            modifiedImpact = !modifiedChanged
                ? 6.42 * miss
                : v31
                    ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13))
                    : (7.52 * (miss - 0.029)) - (3.25 * Math.Pow(miss - 0.02, 15));
            modifiedExploitability = 8.22 * Av[Modified(v[MAV], v[AV]) - 1] * Ac[Modified(v[MAC], v[AC]) - 1]
                * (modifiedChanged ? PrChanged : PrUnchanged)[Modified(v[MPR], v[PR]) - 1] * Ui[Modified(v[MUI], v[UI]) - 1];
            var environmentalTenths = 0;
            if (modifiedImpact > 0)
            {
                var inner = Roundup(v31, modifiedChanged
                    ? Math.Min(1.08 * (modifiedImpact + modifiedExploitability), 10)
                    : Math.Min(modifiedImpact + modifiedExploitability, 10));
                environmentalTenths = Roundup(v31, inner / 10.0 * e * rl * rc);
            }
            environmental = new CvssScore(environmentalTenths);
        }

        breakdown = new Breakdown(iss, impact, exploitability, e * rl * rc, miss, modifiedImpact, modifiedExploitability);
        return new CvssScores(v.Version, new CvssScore(baseTenths), temporal, environmental);
    }

    private static bool HasEnvironmental(in CvssVector v)
    {
        for (var i = CR; i <= MA; i++)
        {
            if (v[i] != 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Index into an X-first weight table: absent and X are both index 0.</summary>
    private static int Optional(byte stored) => stored == 0 ? 0 : stored - 1;

    /// <summary>The stored base code a modified metric stands for: the base value when absent or X.</summary>
    private static int Modified(byte modified, byte baseValue) => modified <= 1 ? baseValue : modified - 1;

    /// <summary>The Roundup of the version, in tenths.</summary>
    internal static int Roundup(bool v31, double x) => v31 ? Roundup31(x) : Roundup30(x);

    /// <summary>
    /// CVSS v3.1 Appendix A: the smallest one-decimal number not below x, computed on x·100000 as an integer so that
    /// float noise such as 4.000000000000001 does not round up to 4.1.
    /// </summary>
    internal static int Roundup31(double x)
    {
        var i = (long)Math.Round(x * 100000, MidpointRounding.AwayFromZero);
        return i % 10000 == 0 ? (int)(i / 10000) : (int)(i / 10000) + 1;
    }

    /// <summary>CVSS v3.0 as FIRST's v3.0 calculator computed it: <c>Math.ceil(x * 10) / 10</c> in doubles.</summary>
    internal static int Roundup30(double x) => (int)Math.Ceiling(x * 10);
}
