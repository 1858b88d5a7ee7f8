using System.Text.Json;
using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>The logic of the CLI verb <c>sirtdesk csaf validate FILE...</c>.</summary>
public static class CsafValidateCommand
{
    /// <summary>Exit code when no file is named (the caller prints the usage).</summary>
    public const int Usage = 64;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    /// <summary>
    /// Validates each file (strict schema, then the mandatory tests) and writes one line per failure:
    /// <c>FILE&lt;TAB&gt;test&lt;TAB&gt;JSON Pointer&lt;TAB&gt;message</c> (LF), test <c>schema</c> with an empty pointer for a
    /// file that cannot be read or is not JSON. Tabs and line breaks inside a field become spaces. Returns 0 when
    /// every file is valid, 1 when any is not, <see cref="Usage"/> when no file is named.
    /// </summary>
    public static int Run(IReadOnlyList<string> files, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stdout);
        if (files.Count == 0)
        {
            return Usage;
        }
        var allValid = true;
        foreach (var file in files)
        {
            foreach (var failure in Check(file))
            {
                allValid = false;
                stdout.Write($"{Field(file)}\t{Field(failure.Test)}\t{Field(failure.Pointer)}\t{Field(failure.Message)}\n");
            }
        }
        stdout.Flush();
        return allValid ? 0 : 1;
    }

    private static IReadOnlyList<CsafFailure> Check(string file)
    {
        JsonNode? document;
        try
        {
            using var stream = File.OpenRead(file);
            document = JsonNode.Parse(stream, documentOptions: ParseOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [new CsafFailure(CsafFailure.Schema, "", $"cannot read the file: {e.Message}")];
        }
        catch (JsonException e)
        {
            return [new CsafFailure(CsafFailure.Schema, "", $"not JSON: {e.Message}")];
        }
        if (document is null)
        {
            return [new CsafFailure(CsafFailure.Schema, "", "not JSON: the file holds null")];
        }
        return CsafValidator.Validate(document);
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny('\t', '\r', '\n') < 0 ? text : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
