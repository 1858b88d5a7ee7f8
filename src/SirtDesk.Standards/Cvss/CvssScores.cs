namespace SirtDesk.Standards.Cvss;

/// <summary>
/// The scores of one vector. v2.0/v3.x: base always, temporal and environmental when the vector carries a metric
/// of that group. v4.0: <see cref="Base"/> is the score of the vector as given, named by <see cref="Nomenclature"/>
/// (CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE), and there are no separate temporal or environmental scores.
/// </summary>
public readonly record struct CvssScores(
    CvssVersion Version,
    CvssScore Base,
    CvssScore? Temporal,
    CvssScore? Environmental,
    string? Nomenclature = null,
    string? MacroVector = null)
{
    /// <summary>The most specific score: environmental, else temporal, else base (for v4.0 the one score).</summary>
    public CvssScore Overall => Environmental ?? Temporal ?? Base;

    /// <summary>The severity of a score for this version: the v3.x/v4.0 bands, or NVD's unofficial v2 bands.</summary>
    public CvssSeverity SeverityOf(CvssScore score) => Version == CvssVersion.V2_0 ? score.NvdV2Severity : score.Severity;
}
