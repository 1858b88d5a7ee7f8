namespace SirtDesk.Standards.Cvss;

/// <summary>One value of a metric: its vector code, its name in FIRST's JSON schema and its meaning for people.</summary>
public sealed record CvssMetricValue(string Code, string JsonValue, string Meaning);

/// <summary>
/// One metric of a CVSS version, in canonical order. A value is stored in <see cref="CvssVector"/> as
/// <c>1 + index</c> into <see cref="Values"/>; 0 means the metric is absent.
/// </summary>
public sealed record CvssMetric(string Key, string Name, string JsonName, CvssMetricGroup Group, IReadOnlyList<CvssMetricValue> Values);

/// <summary>The group a metric belongs to.</summary>
public enum CvssMetricGroup : byte
{
    /// <summary>Mandatory base metrics.</summary>
    Base,

    /// <summary>v2/v3 temporal metrics, v4.0 threat metric (E).</summary>
    Temporal,

    /// <summary>Environmental metrics (security requirements and modified base metrics; v2 CDP/TD).</summary>
    Environmental,

    /// <summary>v4.0 supplemental metrics: they never change the score.</summary>
    Supplemental,
}

/// <summary>The metrics of each CVSS version in canonical order, as FIRST names them in its specifications and JSON schemas.</summary>
public static class CvssMetrics
{
    private static CvssMetricValue V(string code, string json, string meaning) => new(code, json, meaning);

    private static readonly CvssMetricValue[] NotDefined = [V("X", "NOT_DEFINED", "Not Defined")];

    private static CvssMetric M(string key, string name, string json, CvssMetricGroup group, params CvssMetricValue[] values) => new(key, name, json, group, values);

    private static CvssMetricValue[] WithX(CvssMetricValue[] values) => [.. NotDefined, .. values];

    private const CvssMetricGroup B = CvssMetricGroup.Base;
    private const CvssMetricGroup T = CvssMetricGroup.Temporal;
    private const CvssMetricGroup E = CvssMetricGroup.Environmental;
    private const CvssMetricGroup S = CvssMetricGroup.Supplemental;

    private static readonly CvssMetricValue[] V3Av = [V("N", "NETWORK", "Network"), V("A", "ADJACENT_NETWORK", "Adjacent"), V("L", "LOCAL", "Local"), V("P", "PHYSICAL", "Physical")];
    private static readonly CvssMetricValue[] V3Ac = [V("L", "LOW", "Low"), V("H", "HIGH", "High")];
    private static readonly CvssMetricValue[] V3Pr = [V("N", "NONE", "None"), V("L", "LOW", "Low"), V("H", "HIGH", "High")];
    private static readonly CvssMetricValue[] V3Ui = [V("N", "NONE", "None"), V("R", "REQUIRED", "Required")];
    private static readonly CvssMetricValue[] V3S = [V("U", "UNCHANGED", "Unchanged"), V("C", "CHANGED", "Changed")];
    private static readonly CvssMetricValue[] V3Cia = [V("H", "HIGH", "High"), V("L", "LOW", "Low"), V("N", "NONE", "None")];
    private static readonly CvssMetricValue[] V3Req = WithX([V("H", "HIGH", "High"), V("M", "MEDIUM", "Medium"), V("L", "LOW", "Low")]);

    /// <summary>CVSS v3.0 and v3.1 (identical metrics): AV … A, E, RL, RC, CR, IR, AR, MAV … MA.</summary>
    public static IReadOnlyList<CvssMetric> V3 { get; } =
    [
        M("AV", "Attack Vector", "attackVector", B, V3Av),
        M("AC", "Attack Complexity", "attackComplexity", B, V3Ac),
        M("PR", "Privileges Required", "privilegesRequired", B, V3Pr),
        M("UI", "User Interaction", "userInteraction", B, V3Ui),
        M("S", "Scope", "scope", B, V3S),
        M("C", "Confidentiality", "confidentialityImpact", B, V3Cia),
        M("I", "Integrity", "integrityImpact", B, V3Cia),
        M("A", "Availability", "availabilityImpact", B, V3Cia),
        M("E", "Exploit Code Maturity", "exploitCodeMaturity", T, WithX([V("H", "HIGH", "High"), V("F", "FUNCTIONAL", "Functional"), V("P", "PROOF_OF_CONCEPT", "Proof-of-Concept"), V("U", "UNPROVEN", "Unproven")])),
        M("RL", "Remediation Level", "remediationLevel", T, WithX([V("U", "UNAVAILABLE", "Unavailable"), V("W", "WORKAROUND", "Workaround"), V("T", "TEMPORARY_FIX", "Temporary Fix"), V("O", "OFFICIAL_FIX", "Official Fix")])),
        M("RC", "Report Confidence", "reportConfidence", T, WithX([V("C", "CONFIRMED", "Confirmed"), V("R", "REASONABLE", "Reasonable"), V("U", "UNKNOWN", "Unknown")])),
        M("CR", "Confidentiality Requirement", "confidentialityRequirement", E, V3Req),
        M("IR", "Integrity Requirement", "integrityRequirement", E, V3Req),
        M("AR", "Availability Requirement", "availabilityRequirement", E, V3Req),
        M("MAV", "Modified Attack Vector", "modifiedAttackVector", E, WithX(V3Av)),
        M("MAC", "Modified Attack Complexity", "modifiedAttackComplexity", E, WithX(V3Ac)),
        M("MPR", "Modified Privileges Required", "modifiedPrivilegesRequired", E, WithX(V3Pr)),
        M("MUI", "Modified User Interaction", "modifiedUserInteraction", E, WithX(V3Ui)),
        M("MS", "Modified Scope", "modifiedScope", E, WithX(V3S)),
        M("MC", "Modified Confidentiality", "modifiedConfidentialityImpact", E, WithX(V3Cia)),
        M("MI", "Modified Integrity", "modifiedIntegrityImpact", E, WithX(V3Cia)),
        M("MA", "Modified Availability", "modifiedAvailabilityImpact", E, WithX(V3Cia)),
    ];

    private static readonly CvssMetricValue[] V2Cia = [V("N", "NONE", "None"), V("P", "PARTIAL", "Partial"), V("C", "COMPLETE", "Complete")];
    private static readonly CvssMetricValue[] V2Req = [V("L", "LOW", "Low"), V("M", "MEDIUM", "Medium"), V("H", "HIGH", "High"), V("ND", "NOT_DEFINED", "Not Defined")];

    /// <summary>CVSS v2.0: AV, AC, Au, C, I, A, E, RL, RC, CDP, TD, CR, IR, AR.</summary>
    public static IReadOnlyList<CvssMetric> V2 { get; } =
    [
        M("AV", "Access Vector", "accessVector", B, V("L", "LOCAL", "Local"), V("A", "ADJACENT_NETWORK", "Adjacent Network"), V("N", "NETWORK", "Network")),
        M("AC", "Access Complexity", "accessComplexity", B, V("H", "HIGH", "High"), V("M", "MEDIUM", "Medium"), V("L", "LOW", "Low")),
        M("Au", "Authentication", "authentication", B, V("M", "MULTIPLE", "Multiple"), V("S", "SINGLE", "Single"), V("N", "NONE", "None")),
        M("C", "Confidentiality Impact", "confidentialityImpact", B, V2Cia),
        M("I", "Integrity Impact", "integrityImpact", B, V2Cia),
        M("A", "Availability Impact", "availabilityImpact", B, V2Cia),
        M("E", "Exploitability", "exploitability", T, V("U", "UNPROVEN", "Unproven"), V("POC", "PROOF_OF_CONCEPT", "Proof-of-Concept"), V("F", "FUNCTIONAL", "Functional"), V("H", "HIGH", "High"), V("ND", "NOT_DEFINED", "Not Defined")),
        M("RL", "Remediation Level", "remediationLevel", T, V("OF", "OFFICIAL_FIX", "Official Fix"), V("TF", "TEMPORARY_FIX", "Temporary Fix"), V("W", "WORKAROUND", "Workaround"), V("U", "UNAVAILABLE", "Unavailable"), V("ND", "NOT_DEFINED", "Not Defined")),
        M("RC", "Report Confidence", "reportConfidence", T, V("UC", "UNCONFIRMED", "Unconfirmed"), V("UR", "UNCORROBORATED", "Uncorroborated"), V("C", "CONFIRMED", "Confirmed"), V("ND", "NOT_DEFINED", "Not Defined")),
        M("CDP", "Collateral Damage Potential", "collateralDamagePotential", E, V("N", "NONE", "None"), V("L", "LOW", "Low"), V("LM", "LOW_MEDIUM", "Low-Medium"), V("MH", "MEDIUM_HIGH", "Medium-High"), V("H", "HIGH", "High"), V("ND", "NOT_DEFINED", "Not Defined")),
        M("TD", "Target Distribution", "targetDistribution", E, V("N", "NONE", "None"), V("L", "LOW", "Low"), V("M", "MEDIUM", "Medium"), V("H", "HIGH", "High"), V("ND", "NOT_DEFINED", "Not Defined")),
        M("CR", "Confidentiality Requirement", "confidentialityRequirement", E, V2Req),
        M("IR", "Integrity Requirement", "integrityRequirement", E, V2Req),
        M("AR", "Availability Requirement", "availabilityRequirement", E, V2Req),
    ];

    private static readonly CvssMetricValue[] V4Av = [V("N", "NETWORK", "Network"), V("A", "ADJACENT", "Adjacent"), V("L", "LOCAL", "Local"), V("P", "PHYSICAL", "Physical")];
    private static readonly CvssMetricValue[] V4Ac = [V("L", "LOW", "Low"), V("H", "HIGH", "High")];
    private static readonly CvssMetricValue[] V4At = [V("N", "NONE", "None"), V("P", "PRESENT", "Present")];
    private static readonly CvssMetricValue[] V4Pr = [V("N", "NONE", "None"), V("L", "LOW", "Low"), V("H", "HIGH", "High")];
    private static readonly CvssMetricValue[] V4Ui = [V("N", "NONE", "None"), V("P", "PASSIVE", "Passive"), V("A", "ACTIVE", "Active")];
    private static readonly CvssMetricValue[] V4Cia = [V("H", "HIGH", "High"), V("L", "LOW", "Low"), V("N", "NONE", "None")];
    private static readonly CvssMetricValue[] V4Req = WithX([V("H", "HIGH", "High"), V("M", "MEDIUM", "Medium"), V("L", "LOW", "Low")]);
    private static readonly CvssMetricValue[] V4Msc = WithX([V("H", "HIGH", "High"), V("L", "LOW", "Low"), V("N", "NEGLIGIBLE", "Negligible")]);
    private static readonly CvssMetricValue[] V4Msia = WithX([V("S", "SAFETY", "Safety"), V("H", "HIGH", "High"), V("L", "LOW", "Low"), V("N", "NEGLIGIBLE", "Negligible")]);

    /// <summary>CVSS v4.0 in the order of the specification's section 7 (Table 23), which is also the only valid input order.</summary>
    public static IReadOnlyList<CvssMetric> V4 { get; } =
    [
        M("AV", "Attack Vector", "attackVector", B, V4Av),
        M("AC", "Attack Complexity", "attackComplexity", B, V4Ac),
        M("AT", "Attack Requirements", "attackRequirements", B, V4At),
        M("PR", "Privileges Required", "privilegesRequired", B, V4Pr),
        M("UI", "User Interaction", "userInteraction", B, V4Ui),
        M("VC", "Vulnerable System Confidentiality", "vulnConfidentialityImpact", B, V4Cia),
        M("VI", "Vulnerable System Integrity", "vulnIntegrityImpact", B, V4Cia),
        M("VA", "Vulnerable System Availability", "vulnAvailabilityImpact", B, V4Cia),
        M("SC", "Subsequent System Confidentiality", "subConfidentialityImpact", B, V4Cia),
        M("SI", "Subsequent System Integrity", "subIntegrityImpact", B, V4Cia),
        M("SA", "Subsequent System Availability", "subAvailabilityImpact", B, V4Cia),
        M("E", "Exploit Maturity", "exploitMaturity", T, WithX([V("A", "ATTACKED", "Attacked"), V("P", "PROOF_OF_CONCEPT", "POC"), V("U", "UNREPORTED", "Unreported")])),
        M("CR", "Confidentiality Requirement", "confidentialityRequirement", E, V4Req),
        M("IR", "Integrity Requirement", "integrityRequirement", E, V4Req),
        M("AR", "Availability Requirement", "availabilityRequirement", E, V4Req),
        M("MAV", "Modified Attack Vector", "modifiedAttackVector", E, WithX(V4Av)),
        M("MAC", "Modified Attack Complexity", "modifiedAttackComplexity", E, WithX(V4Ac)),
        M("MAT", "Modified Attack Requirements", "modifiedAttackRequirements", E, WithX(V4At)),
        M("MPR", "Modified Privileges Required", "modifiedPrivilegesRequired", E, WithX(V4Pr)),
        M("MUI", "Modified User Interaction", "modifiedUserInteraction", E, WithX(V4Ui)),
        M("MVC", "Modified Vulnerable System Confidentiality", "modifiedVulnConfidentialityImpact", E, WithX(V4Cia)),
        M("MVI", "Modified Vulnerable System Integrity", "modifiedVulnIntegrityImpact", E, WithX(V4Cia)),
        M("MVA", "Modified Vulnerable System Availability", "modifiedVulnAvailabilityImpact", E, WithX(V4Cia)),
        M("MSC", "Modified Subsequent System Confidentiality", "modifiedSubConfidentialityImpact", E, V4Msc),
        M("MSI", "Modified Subsequent System Integrity", "modifiedSubIntegrityImpact", E, V4Msia),
        M("MSA", "Modified Subsequent System Availability", "modifiedSubAvailabilityImpact", E, V4Msia),
        M("S", "Safety", "Safety", S, WithX([V("N", "NEGLIGIBLE", "Negligible"), V("P", "PRESENT", "Present")])),
        M("AU", "Automatable", "Automatable", S, WithX([V("N", "NO", "No"), V("Y", "YES", "Yes")])),
        M("R", "Recovery", "Recovery", S, WithX([V("A", "AUTOMATIC", "Automatic"), V("U", "USER", "User"), V("I", "IRRECOVERABLE", "Irrecoverable")])),
        M("V", "Value Density", "valueDensity", S, WithX([V("D", "DIFFUSE", "Diffuse"), V("C", "CONCENTRATED", "Concentrated")])),
        M("RE", "Vulnerability Response Effort", "vulnerabilityResponseEffort", S, WithX([V("L", "LOW", "Low"), V("M", "MODERATE", "Moderate"), V("H", "HIGH", "High")])),
        M("U", "Provider Urgency", "providerUrgency", S, WithX([V("Clear", "CLEAR", "Clear"), V("Green", "GREEN", "Green"), V("Amber", "AMBER", "Amber"), V("Red", "RED", "Red")])),
    ];

    /// <summary>The metrics of a version in canonical order.</summary>
    public static IReadOnlyList<CvssMetric> For(CvssVersion version) => version switch
    {
        CvssVersion.V2_0 => V2,
        CvssVersion.V4_0 => V4,
        _ => V3,
    };

    /// <summary>How many leading metrics of <see cref="For"/> are mandatory base metrics.</summary>
    public static int BaseCount(CvssVersion version) => version switch
    {
        CvssVersion.V2_0 => 6,
        CvssVersion.V4_0 => 11,
        _ => 8,
    };
}
