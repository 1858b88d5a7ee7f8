using System.Globalization;

namespace SirtDesk.Standards.Tests.Cvss;

/// <summary>
/// CVSS v3.1 written test-side straight from the specification (sections 7.1–7.3 and Appendix A) in decimal
/// arithmetic, independent of the product's tables and double arithmetic.
/// </summary>
internal static class Literal31
{
    private static readonly Dictionary<string, decimal> AttackVector = new() { ["N"] = 0.85m, ["A"] = 0.62m, ["L"] = 0.55m, ["P"] = 0.2m };
    private static readonly Dictionary<string, decimal> AttackComplexity = new() { ["L"] = 0.77m, ["H"] = 0.44m };
    private static readonly Dictionary<string, decimal> UserInteraction = new() { ["N"] = 0.85m, ["R"] = 0.62m };
    private static readonly Dictionary<string, decimal> Impact = new() { ["H"] = 0.56m, ["L"] = 0.22m, ["N"] = 0m };
    private static readonly Dictionary<string, decimal> ExploitMaturity = new() { ["X"] = 1m, ["H"] = 1m, ["F"] = 0.97m, ["P"] = 0.94m, ["U"] = 0.91m };
    private static readonly Dictionary<string, decimal> Remediation = new() { ["X"] = 1m, ["U"] = 1m, ["W"] = 0.97m, ["T"] = 0.96m, ["O"] = 0.95m };
    private static readonly Dictionary<string, decimal> Confidence = new() { ["X"] = 1m, ["C"] = 1m, ["R"] = 0.96m, ["U"] = 0.92m };
    private static readonly Dictionary<string, decimal> Requirement = new() { ["X"] = 1m, ["H"] = 1.5m, ["M"] = 1m, ["L"] = 0.5m };

    private static decimal PrivilegesRequired(string value, bool scopeChanged) => value switch
    {
        "N" => 0.85m,
        "L" => scopeChanged ? 0.68m : 0.62m,
        _ => scopeChanged ? 0.5m : 0.27m,
    };

    /// <summary>Every base vector (without prefix): 4·2·3·2·2·3·3·3 = 2,592.</summary>
    public static IEnumerable<string> AllBaseVectors() =>
        from av in "NALP"
        from ac in "LH"
        from pr in "NLH"
        from ui in "NR"
        from s in "UC"
        from c in "HLN"
        from i in "HLN"
        from a in "HLN"
        select $"AV:{av}/AC:{ac}/PR:{pr}/UI:{ui}/S:{s}/C:{c}/I:{i}/A:{a}";

    /// <summary>Appendix A: Roundup.</summary>
    public static decimal Roundup(decimal input)
    {
        var intInput = (long)Math.Round(input * 100000m, MidpointRounding.AwayFromZero);
        return intInput % 10000 == 0 ? intInput / 100000m : (Math.Floor(intInput / 10000m) + 1) / 10m;
    }

    private static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        for (var k = 0; k < n; k++)
        {
            result *= x;
        }
        return result;
    }

    private static Dictionary<string, string> Metrics(string vector) =>
        vector.Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);

    private static string Get(Dictionary<string, string> m, string key) => m.TryGetValue(key, out var v) ? v : "X";

    /// <summary>Section 7.1.</summary>
    public static decimal Base(string vector)
    {
        var m = Metrics(vector);
        var changed = m["S"] == "C";
        var iss = 1 - ((1 - Impact[m["C"]]) * (1 - Impact[m["I"]]) * (1 - Impact[m["A"]]));
        var impact = changed ? (7.52m * (iss - 0.029m)) - (3.25m * Pow(iss - 0.02m, 15)) : 6.42m * iss;
        var exploitability = 8.22m * AttackVector[m["AV"]] * AttackComplexity[m["AC"]] * PrivilegesRequired(m["PR"], changed) * UserInteraction[m["UI"]];
        if (impact <= 0)
        {
            return 0;
        }
        return changed ? Roundup(Math.Min(1.08m * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
    }

    /// <summary>Section 7.2; null when the vector has no temporal metric.</summary>
    public static decimal? Temporal(string vector)
    {
        var m = Metrics(vector);
        if (!m.ContainsKey("E") && !m.ContainsKey("RL") && !m.ContainsKey("RC"))
        {
            return null;
        }
        return Roundup(Base(vector) * ExploitMaturity[Get(m, "E")] * Remediation[Get(m, "RL")] * Confidence[Get(m, "RC")]);
    }

    /// <summary>Section 7.3; null when the vector has no environmental metric.</summary>
    public static decimal? Environmental(string vector)
    {
        var m = Metrics(vector);
        string[] environmental = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"];
        if (!environmental.Any(m.ContainsKey))
        {
            return null;
        }
        string Modified(string key) => Get(m, "M" + key) is var v && v != "X" ? v : m[key];
        var scopeChanged = Modified("S") == "C";
        var miss = Math.Min(
            1 - ((1 - (Requirement[Get(m, "CR")] * Impact[Modified("C")])) * (1 - (Requirement[Get(m, "IR")] * Impact[Modified("I")])) * (1 - (Requirement[Get(m, "AR")] * Impact[Modified("A")]))),
            0.915m);
        var modifiedImpact = scopeChanged
            ? (7.52m * (miss - 0.029m)) - (3.25m * Pow((miss * 0.9731m) - 0.02m, 13))
            : 6.42m * miss;
        var modifiedExploitability = 8.22m * AttackVector[Modified("AV")] * AttackComplexity[Modified("AC")]
            * PrivilegesRequired(Modified("PR"), scopeChanged) * UserInteraction[Modified("UI")];
        if (modifiedImpact <= 0)
        {
            return 0;
        }
        var temporalFactor = ExploitMaturity[Get(m, "E")] * Remediation[Get(m, "RL")] * Confidence[Get(m, "RC")];
        return scopeChanged
            ? Roundup(Roundup(Math.Min(1.08m * (modifiedImpact + modifiedExploitability), 10)) * temporalFactor)
            : Roundup(Roundup(Math.Min(modifiedImpact + modifiedExploitability, 10)) * temporalFactor);
    }

    public static string Format(decimal score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
