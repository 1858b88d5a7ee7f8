using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>Checks a CVE JSON 5 record against the CVE Record Format 5.1.1 bundled schema at its root.</summary>
public static class CveRecordValidator
{
    /// <summary>The schema errors of <paramref name="record"/> (test <c>"schema"</c>); empty when it is valid.</summary>
    public static IReadOnlyList<CsafFailure> Validate(JsonNode record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return [.. JsonSchemas.Errors(JsonSchemas.CveRecord, record).Select(e => new CsafFailure(CsafFailure.Schema, e.Pointer, e.Message))];
    }
}
