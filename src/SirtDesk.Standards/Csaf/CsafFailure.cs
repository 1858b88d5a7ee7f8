namespace SirtDesk.Standards.Csaf;

/// <summary>
/// One reason a document is not valid: <paramref name="Test"/> is <c>"schema"</c> for a JSON Schema error, else the
/// number of the CSAF 2.0 mandatory test (<c>"6.1.16"</c>, <c>"6.1.27.3"</c>); <paramref name="Pointer"/> is the JSON
/// Pointer (RFC 6901) of the offending value (<c>""</c> for the whole document).
/// </summary>
public sealed record CsafFailure(string Test, string Pointer, string Message)
{
    /// <summary>The test value of schema errors.</summary>
    public const string Schema = "schema";
}
