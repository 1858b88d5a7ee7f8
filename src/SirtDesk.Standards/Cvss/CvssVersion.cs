namespace SirtDesk.Standards.Cvss;

/// <summary>The CVSS versions SirtDesk reads and scores.</summary>
public enum CvssVersion : byte
{
    /// <summary>CVSS v2.0: no prefix, e.g. <c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c>.</summary>
    V2_0 = 1,

    /// <summary>CVSS v3.0: prefix <c>CVSS:3.0/</c>.</summary>
    V3_0 = 2,

    /// <summary>CVSS v3.1: prefix <c>CVSS:3.1/</c>.</summary>
    V3_1 = 3,

    /// <summary>CVSS v4.0: prefix <c>CVSS:4.0/</c>, metrics in the specification's order.</summary>
    V4_0 = 4,
}

/// <summary>Qualitative severity rating (CVSS v3.x and v4.0 share the bands; v2 has NVD's unofficial ones).</summary>
public enum CvssSeverity : byte
{
    /// <summary>0.0</summary>
    None,

    /// <summary>0.1 to 3.9</summary>
    Low,

    /// <summary>4.0 to 6.9</summary>
    Medium,

    /// <summary>7.0 to 8.9 (v2: 7.0 to 10.0)</summary>
    High,

    /// <summary>9.0 to 10.0 (not in v2)</summary>
    Critical,
}

/// <summary>A CVSS score in tenths: exact, so 9.8 is 98 and never 9.799999.</summary>
public readonly record struct CvssScore
{
    /// <summary>Creates a score from tenths (0 to 100).</summary>
    public CvssScore(int tenths)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenths, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tenths, 100);
        Tenths = (byte)tenths;
    }

    /// <summary>The score times ten: 0 to 100.</summary>
    public byte Tenths { get; }

    /// <summary>The score as a number with one decimal (exact in <see cref="decimal"/>).</summary>
    public decimal Value => new(Tenths, 0, 0, false, 1);

    /// <summary>The v3.x/v4.0 severity band: None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.</summary>
    public CvssSeverity Severity => Tenths switch
    {
        0 => CvssSeverity.None,
        < 40 => CvssSeverity.Low,
        < 70 => CvssSeverity.Medium,
        < 90 => CvssSeverity.High,
        _ => CvssSeverity.Critical,
    };

    /// <summary>
    /// NVD's bands for v2 (Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0); FIRST's v2 specification defines none,
    /// so they are shown to people but never written into the v2 JSON object.
    /// </summary>
    public CvssSeverity NvdV2Severity => Tenths switch
    {
        < 40 => CvssSeverity.Low,
        < 70 => CvssSeverity.Medium,
        _ => CvssSeverity.High,
    };

    /// <summary>The score with one decimal, invariant culture: "9.8", "10.0", "0.0".</summary>
    public override string ToString() => Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
