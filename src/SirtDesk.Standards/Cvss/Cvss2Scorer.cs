namespace SirtDesk.Standards.Cvss;

/// <summary>CVSS v2.0 scoring: the equations of the v2 guide, section 3.2 (base 3.2.1, temporal 3.2.2, environmental 3.2.3).</summary>
internal static class Cvss2Scorer
{
    // Indexes follow the value order of CvssMetrics.V2 (the stored code minus one).
    private static readonly double[] Av = [0.395, 0.646, 1.0];
    private static readonly double[] Ac = [0.35, 0.61, 0.71];
    private static readonly double[] Au = [0.45, 0.56, 0.704];
    private static readonly double[] Cia = [0, 0.275, 0.660];
    private static readonly double[] E = [0.85, 0.9, 0.95, 1, 1];
    private static readonly double[] Rl = [0.87, 0.90, 0.95, 1, 1];
    private static readonly double[] Rc = [0.90, 0.95, 1, 1];
    private static readonly double[] Cdp = [0, 0.1, 0.3, 0.4, 0.5, 0];
    private static readonly double[] Td = [0, 0.25, 0.75, 1, 1];
    private static readonly double[] Req = [0.5, 1, 1.51, 1];

    internal const int AV = 0, AC = 1, AU = 2, C = 3, I = 4, A = 5, EX = 6, RL = 7, RC = 8, CDP = 9, TD = 10, CR = 11, IR = 12, AR = 13;

    /// <summary>The intermediate values of the equations, for explanations.</summary>
    internal readonly record struct Breakdown(double Impact, double Exploitability, double AdjustedImpact, int AdjustedBaseTenths, int AdjustedTemporalTenths);

    public static CvssScores Score(in CvssVector v) => Score(v, out _);

    public static CvssScores Score(in CvssVector v, out Breakdown breakdown)
    {
        var c = Cia[v[C] - 1];
        var i = Cia[v[I] - 1];
        var a = Cia[v[A] - 1];
        var impact = 10.41 * (1 - ((1 - c) * (1 - i) * (1 - a)));
        var exploitability = 20 * Av[v[AV] - 1] * Ac[v[AC] - 1] * Au[v[AU] - 1];
        var baseTenths = BaseTenths(impact, exploitability);

        // An absent temporal or environmental metric is Not Defined, the last value of each list.
        var e = v[EX] == 0 ? 1 : E[v[EX] - 1];
        var rl = v[RL] == 0 ? 1 : Rl[v[RL] - 1];
        var rc = v[RC] == 0 ? 1 : Rc[v[RC] - 1];
        CvssScore? temporal = null;
        if (v[EX] != 0 || v[RL] != 0 || v[RC] != 0)
        {
            temporal = new CvssScore(Round1(baseTenths / 10.0 * e * rl * rc));
        }

        CvssScore? environmental = null;
        double adjustedImpact = 0;
        int adjustedBase = 0, adjustedTemporal = 0;
        if (v[CDP] != 0 || v[TD] != 0 || v[CR] != 0 || v[IR] != 0 || v[AR] != 0)
        {
            var cr = v[CR] == 0 ? 1 : Req[v[CR] - 1];
            var ir = v[IR] == 0 ? 1 : Req[v[IR] - 1];
            var ar = v[AR] == 0 ? 1 : Req[v[AR] - 1];
            var cdp = v[CDP] == 0 ? 0 : Cdp[v[CDP] - 1];
            var td = v[TD] == 0 ? 1 : Td[v[TD] - 1];
            adjustedImpact = Math.Min(10, 10.41 * (1 - ((1 - (c * cr)) * (1 - (i * ir)) * (1 - (a * ar)))));
            adjustedBase = BaseTenths(adjustedImpact, exploitability);
            adjustedTemporal = Round1(adjustedBase / 10.0 * e * rl * rc);
            environmental = new CvssScore(Round1((adjustedTemporal / 10.0 + ((10 - (adjustedTemporal / 10.0)) * cdp)) * td));
        }

        breakdown = new Breakdown(impact, exploitability, adjustedImpact, adjustedBase, adjustedTemporal);
        return new CvssScores(CvssVersion.V2_0, new CvssScore(baseTenths), temporal, environmental);
    }

    private static int BaseTenths(double impact, double exploitability)
    {
        var f = impact == 0 ? 0 : 1.176;
        return Round1(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
    }

    /// <summary>round_to_1_decimal of the v2 guide, in tenths (half up, as NVD's calculator rounds).</summary>
    private static int Round1(double x) => Math.Max(0, (int)Math.Round(x * 10, MidpointRounding.AwayFromZero));
}
