using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// Validates a CSAF 2.0 document: the OASIS JSON schema in strict form (no property the schema does not define),
/// then the mandatory tests of CSAF 2.0 section 6.1.
/// </summary>
public static class CsafValidator
{
    /// <summary>Every failure, schema errors first, then the tests in order; empty when the document is valid.</summary>
    public static IReadOnlyList<CsafFailure> Validate(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var failures = new List<CsafFailure>();
        foreach (var (pointer, message) in JsonSchemas.Errors(JsonSchemas.Csaf, document))
        {
            // Inside a CVSS object, test 6.1.8 reports the error against the FIRST schema of the object's version
            // (the CSAF schema's oneOf over v3.0/v3.1 would report both alternatives).
            if (!MandatoryTests.InsideCvss(pointer))
            {
                failures.Add(new CsafFailure(CsafFailure.Schema, pointer, message));
            }
        }
        failures.AddRange(MandatoryTests.Run(document));
        return failures;
    }
}
