using System.Reflection;
using System.Text.Json;

namespace SirtDesk.Standards.Cvss;

/// <summary>
/// CVSS v4.0 scoring (specification section 8): MacroVector lookup and interpolation by severity distance, with
/// FIRST's tables (Data/*.json, embedded). Computed in exact integers (tenths, 0.1 steps, depths over 840) and rounded
/// half up, so an exact x.x5 tie goes up as in the reference calculator since Nov 2024.
/// </summary>
internal static class Cvss4Scorer
{
    internal const int AV = 0, AC = 1, AT = 2, PR = 3, UI = 4, VC = 5, VI = 6, VA = 7, SC = 8, SI = 9, SA = 10, E = 11, CR = 12, IR = 13, AR = 14;
    internal const int MAV = 15, MAC = 16, MAT = 17, MPR = 18, MUI = 19, MVC = 20, MVI = 21, MVA = 22, MSC = 23, MSI = 24, MSA = 25;

    /// <summary>Effective severity levels in 0.1 steps (0 = most severe), in this order.</summary>
    internal const int LAv = 0, LPr = 1, LUi = 2, LAc = 3, LAt = 4, LVc = 5, LVi = 6, LVa = 7, LCr = 8, LIr = 9, LAr = 10, LSc = 11, LSi = 12, LSa = 13, LE = 14, LevelCount = 15;

    /// <summary>The intermediate values, for explanations.</summary>
    internal readonly record struct Breakdown(
        string MacroVector, int LookupTenths, int Eq1Distance, int Eq2Distance, int Eq3Eq6Distance, int Eq4Distance, int LowerMacroVectors, bool AllImpactsNone);

    public static CvssScores Score(in CvssVector v) => Score(v, out _);

    public static CvssScores Score(in CvssVector v, out Breakdown breakdown)
    {
        Span<int> l = stackalloc int[LevelCount];
        l[LAv] = Effective(v[AV], v[MAV]);
        l[LPr] = Effective(v[PR], v[MPR]);
        l[LUi] = Effective(v[UI], v[MUI]);
        l[LAc] = Effective(v[AC], v[MAC]);
        l[LAt] = Effective(v[AT], v[MAT]);
        l[LVc] = Effective(v[VC], v[MVC]);
        l[LVi] = Effective(v[VI], v[MVI]);
        l[LVa] = Effective(v[VA], v[MVA]);
        l[LSc] = v[MSC] >= 2 ? v[MSC] - 1 : v[SC];
        l[LSi] = v[MSI] >= 2 ? v[MSI] - 2 : v[SI];
        l[LSa] = v[MSA] >= 2 ? v[MSA] - 2 : v[SA];
        l[LE] = v[E] >= 2 ? v[E] - 2 : 0;
        l[LCr] = v[CR] >= 2 ? v[CR] - 2 : 0;
        l[LIr] = v[IR] >= 2 ? v[IR] - 2 : 0;
        l[LAr] = v[AR] >= 2 ? v[AR] - 2 : 0;

        var threat = v[E] >= 2;
        var environmental = false;
        for (var i = CR; i <= MSA; i++)
        {
            environmental |= v[i] >= 2;
        }
        var nomenclature = threat ? (environmental ? "CVSS-BTE" : "CVSS-BT") : (environmental ? "CVSS-BE" : "CVSS-B");

        var eq1 = l[LAv] == 0 && l[LPr] == 0 && l[LUi] == 0 ? 0
            : (l[LAv] == 0 || l[LPr] == 0 || l[LUi] == 0) && l[LAv] != 3 ? 1 : 2;
        var eq2 = l[LAc] == 0 && l[LAt] == 0 ? 0 : 1;
        var eq3 = l[LVc] == 0 && l[LVi] == 0 ? 0 : l[LVc] == 0 || l[LVi] == 0 || l[LVa] == 0 ? 1 : 2;
        var eq4 = l[LSi] == 0 || l[LSa] == 0 ? 0 : l[LSc] == 1 || l[LSi] == 1 || l[LSa] == 1 ? 1 : 2;
        var eq5 = l[LE];
        var eq6 = (l[LCr] == 0 && l[LVc] == 0) || (l[LIr] == 0 && l[LVi] == 0) || (l[LAr] == 0 && l[LVa] == 0) ? 0 : 1;
        var mv = Cvss4Tables.Index(eq1, eq2, eq3, eq4, eq5, eq6);
        var entry = Cvss4Tables.Entries[mv];

        var allNone = l[LVc] == 2 && l[LVi] == 2 && l[LVa] == 2 && l[LSc] == 3 && l[LSi] == 3 && l[LSa] == 3;
        int tenths, d1 = 0, d2 = 0, d36 = 0, d4 = 0;
        if (allNone)
        {
            tenths = 0;
        }
        else
        {
            d1 = Distance(l, Cvss4Tables.Eq1Max[eq1], Cvss4Tables.Eq1Levels);
            d2 = Distance(l, Cvss4Tables.Eq2Max[eq2], Cvss4Tables.Eq2Levels);
            d36 = Distance(l, Cvss4Tables.Eq3Eq6Max[(eq3 * 2) + eq6], Cvss4Tables.Eq3Eq6Levels);
            d4 = Distance(l, Cvss4Tables.Eq4Max[eq4], Cvss4Tables.Eq4Levels);

            // Each EQ moves the score by available·distance/depth (tenths); over the common denominator 840 the sum is exact.
            long sum = 0;
            var n = 0;
            if (entry.Eq1Available != Cvss4Tables.NoLower)
            {
                sum += (long)entry.Eq1Available * d1 * (840 / entry.Eq1Depth);
                n++;
            }
            if (entry.Eq2Available != Cvss4Tables.NoLower)
            {
                sum += (long)entry.Eq2Available * d2 * (840 / entry.Eq2Depth);
                n++;
            }
            if (entry.Eq3Eq6Available != Cvss4Tables.NoLower)
            {
                sum += (long)entry.Eq3Eq6Available * d36 * (840 / entry.Eq3Eq6Depth);
                n++;
            }
            if (entry.Eq4Available != Cvss4Tables.NoLower)
            {
                sum += (long)entry.Eq4Available * d4 * (840 / entry.Eq4Depth);
                n++;
            }
            if (entry.HasEq5Lower)
            {
                n++;
            }
            if (n == 0)
            {
                tenths = entry.Tenths;
            }
            else
            {
                long denominator = 840L * n;
                var numerator = (entry.Tenths * denominator) - sum;
                tenths = numerator <= 0 ? 0
                    : numerator >= 100 * denominator ? 100
                    : (int)(((2 * numerator) + denominator) / (2 * denominator));
            }
        }

        breakdown = new Breakdown(Cvss4Tables.MacroVectors[mv], entry.Tenths, d1, d2, d36, d4, entry.LowerCount, allNone);
        return new CvssScores(CvssVersion.V4_0, new CvssScore(tenths), null, null, nomenclature, Cvss4Tables.MacroVectors[mv]);
    }

    /// <summary>Level of a metric whose value list matches its modified list minus the leading X.</summary>
    private static int Effective(byte baseValue, byte modified) => modified >= 2 ? modified - 2 : baseValue - 1;

    /// <summary>
    /// The distance from the first max vector of the EQ level from which the vector is nowhere more severe. The
    /// reference calculator searches the product of all EQs' max vectors in nested order; as each metric belongs to
    /// one EQ, the first match of the product is the first match of each EQ on its own.
    /// </summary>
    private static int Distance(ReadOnlySpan<int> levels, sbyte[][] maxVectors, int[] metrics)
    {
        foreach (var max in maxVectors)
        {
            var distance = 0;
            var fits = true;
            for (var i = 0; i < metrics.Length; i++)
            {
                var d = levels[metrics[i]] - max[i];
                if (d < 0)
                {
                    fits = false;
                    break;
                }
                distance += d;
            }
            if (fits)
            {
                return distance;
            }
        }
        throw new InvalidOperationException("no CVSS v4.0 max vector fits: the embedded tables are inconsistent");
    }
}

/// <summary>FIRST's v4.0 tables (lookup, max_composed, max_severity), read once from the embedded JSON into arrays.</summary>
internal static class Cvss4Tables
{
    public const int NoLower = int.MinValue;

    public readonly record struct Entry(
        int Tenths, int Eq1Available, int Eq1Depth, int Eq2Available, int Eq2Depth, int Eq3Eq6Available, int Eq3Eq6Depth,
        int Eq4Available, int Eq4Depth, bool HasEq5Lower, int LowerCount);

    public static int Index(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) => (((((((((eq1 * 2) + eq2) * 3) + eq3) * 3) + eq4) * 3) + eq5) * 2) + eq6;

    public const int Slots = 3 * 2 * 3 * 3 * 3 * 2;

    public static readonly int[] Eq1Levels = [Cvss4Scorer.LAv, Cvss4Scorer.LPr, Cvss4Scorer.LUi];
    public static readonly int[] Eq2Levels = [Cvss4Scorer.LAc, Cvss4Scorer.LAt];
    public static readonly int[] Eq3Eq6Levels = [Cvss4Scorer.LVc, Cvss4Scorer.LVi, Cvss4Scorer.LVa, Cvss4Scorer.LCr, Cvss4Scorer.LIr, Cvss4Scorer.LAr];
    public static readonly int[] Eq4Levels = [Cvss4Scorer.LSc, Cvss4Scorer.LSi, Cvss4Scorer.LSa];

    /// <summary>Scores in tenths by <see cref="Index"/>; -1 where the MacroVector does not exist.</summary>
    public static readonly int[] Lookup;
    public static readonly string[] MacroVectors;
    public static readonly sbyte[][][] Eq1Max, Eq2Max, Eq3Eq6Max, Eq4Max;
    public static readonly Entry[] Entries;
    public static readonly int LookupCount;

#pragma warning disable CA1810 // the tables depend on each other; one static constructor reads them in order
    static Cvss4Tables()
#pragma warning restore CA1810
    {
        Lookup = new int[Slots];
        Array.Fill(Lookup, -1);
        MacroVectors = new string[Slots];
        using (var lookup = Read("lookup.json"))
        {
            foreach (var p in lookup.RootElement.EnumerateObject())
            {
                var d = p.Name;
                var index = Index(d[0] - '0', d[1] - '0', d[2] - '0', d[3] - '0', d[4] - '0', d[5] - '0');
                Lookup[index] = (int)Math.Round(p.Value.GetDecimal() * 10);
                LookupCount++;
            }
        }
        for (var i = 0; i < Slots; i++)
        {
            var r = i;
            var eq6 = r % 2; r /= 2;
            var eq5 = r % 3; r /= 3;
            var eq4 = r % 3; r /= 3;
            var eq3 = r % 3; r /= 3;
            var eq2 = r % 2; r /= 2;
            MacroVectors[i] = $"{r}{eq2}{eq3}{eq4}{eq5}{eq6}";
        }

        using var composed = Read("max_composed.json");
        var c = composed.RootElement;
        Eq1Max = [.. Enumerable.Range(0, 3).Select(level => MaxVectors(c.GetProperty("eq1"), level, ["AV", "PR", "UI"]))];
        Eq2Max = [.. Enumerable.Range(0, 2).Select(level => MaxVectors(c.GetProperty("eq2"), level, ["AC", "AT"]))];
        Eq4Max = [.. Enumerable.Range(0, 3).Select(level => MaxVectors(c.GetProperty("eq4"), level, ["SC", "SI", "SA"]))];
        Eq3Eq6Max = new sbyte[6][][];
        foreach (var eq3 in c.GetProperty("eq3").EnumerateObject())
        {
            foreach (var eq6 in eq3.Value.EnumerateObject())
            {
                Eq3Eq6Max[(int.Parse(eq3.Name, System.Globalization.CultureInfo.InvariantCulture) * 2) + int.Parse(eq6.Name, System.Globalization.CultureInfo.InvariantCulture)] =
                    MaxVectors(eq3.Value, eq6.Name, ["VC", "VI", "VA", "CR", "IR", "AR"]);
            }
        }

        using var severity = Read("max_severity.json");
        var s = severity.RootElement;
        Entries = new Entry[Slots];
        for (var eq1 = 0; eq1 < 3; eq1++)
        {
            for (var eq2 = 0; eq2 < 2; eq2++)
            {
                for (var eq3 = 0; eq3 < 3; eq3++)
                {
                    for (var eq4 = 0; eq4 < 3; eq4++)
                    {
                        for (var eq5 = 0; eq5 < 3; eq5++)
                        {
                            for (var eq6 = 0; eq6 < 2; eq6++)
                            {
                                var here = Lookup[Index(eq1, eq2, eq3, eq4, eq5, eq6)];
                                if (here < 0)
                                {
                                    continue;
                                }
                                var eq36Lower = (eq3, eq6) switch
                                {
                                    (0, 0) => Math.Max(Score(eq1, eq2, 0, eq4, eq5, 1), Score(eq1, eq2, 1, eq4, eq5, 0)),
                                    (0, 1) or (1, 1) => Score(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
                                    (1, 0) => Score(eq1, eq2, eq3, eq4, eq5, 1),
                                    _ => -1,
                                };
                                var lower1 = Score(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
                                var lower2 = Score(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
                                var lower4 = Score(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
                                var lower5 = Score(eq1, eq2, eq3, eq4, eq5 + 1, eq6);
                                Entries[Index(eq1, eq2, eq3, eq4, eq5, eq6)] = new Entry(
                                    here,
                                    Available(here, lower1), Depth(s, "eq1", eq1),
                                    Available(here, lower2), Depth(s, "eq2", eq2),
                                    Available(here, eq36Lower), s.GetProperty("eq3eq6").GetProperty(Digit(eq3)).GetProperty(Digit(eq6)).GetInt32(),
                                    Available(here, lower4), Depth(s, "eq4", eq4),
                                    lower5 >= 0,
                                    (lower1 >= 0 ? 1 : 0) + (lower2 >= 0 ? 1 : 0) + (eq36Lower >= 0 ? 1 : 0) + (lower4 >= 0 ? 1 : 0) + (lower5 >= 0 ? 1 : 0));
                            }
                        }
                    }
                }
            }
        }
    }

    private static int Score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1 ? -1 : Lookup[Index(eq1, eq2, eq3, eq4, eq5, eq6)];

    private static int Available(int here, int lower) => lower < 0 ? NoLower : here - lower;

    private static string Digit(int d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Depth(JsonElement severity, string eq, int level) => severity.GetProperty(eq).GetProperty(Digit(level)).GetInt32();

    private static sbyte[][] MaxVectors(JsonElement eq, int level, string[] keys) => MaxVectors(eq, Digit(level), keys);

    private static sbyte[][] MaxVectors(JsonElement eq, string level, string[] keys) =>
        [.. eq.GetProperty(level).EnumerateArray().Select(partial => ParseMax(partial.GetString()!, keys))];

    /// <summary>"AV:N/PR:N/UI:N/" → the levels of AV, PR, UI in 0.1 steps.</summary>
    private static sbyte[] ParseMax(string partial, string[] keys)
    {
        var pairs = partial.TrimEnd('/').Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
        return [.. keys.Select(k => (sbyte)Level(k, pairs[k]))];
    }

    private static int Level(string key, string code) => key switch
    {
        "AV" => "NALP".IndexOf(code, StringComparison.Ordinal),
        "PR" => "NLH".IndexOf(code, StringComparison.Ordinal),
        "UI" => "NPA".IndexOf(code, StringComparison.Ordinal),
        "AC" => "LH".IndexOf(code, StringComparison.Ordinal),
        "AT" => "NP".IndexOf(code, StringComparison.Ordinal),
        "VC" or "VI" or "VA" => "HLN".IndexOf(code, StringComparison.Ordinal),
        "SC" => "HLN".IndexOf(code, StringComparison.Ordinal) + 1,
        "SI" or "SA" => "SHLN".IndexOf(code, StringComparison.Ordinal),
        "CR" or "IR" or "AR" => "HML".IndexOf(code, StringComparison.Ordinal),
        _ => throw new InvalidOperationException($"unexpected metric {key} in max_composed.json"),
    };

    private static JsonDocument Read(string name)
    {
        using var stream = typeof(Cvss4Tables).Assembly.GetManifestResourceStream($"SirtDesk.Standards.Cvss.Data.{name}")
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        return JsonDocument.Parse(stream);
    }
}
