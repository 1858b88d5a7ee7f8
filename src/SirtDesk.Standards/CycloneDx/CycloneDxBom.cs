using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace SirtDesk.Standards.CycloneDx;

/// <summary>A component of a BOM with the facts matching needs; <see cref="Pointer"/> is where it sits in the file.</summary>
public sealed record CycloneDxComponent(string? BomRef, string Type, string? Group, string Name, string? Version, string? PurlText, Purl.Purl? Purl, string Pointer);

/// <summary>
/// A CycloneDX 1.4–1.6 JSON BOM that passed its schema: <see cref="Components"/> lists every component of
/// <c>components</c> and of their nested <c>components</c>, depth first in document order; <see cref="Subject"/> is
/// <c>metadata.component</c> (the product the BOM describes), not part of the list.
/// </summary>
public sealed record CycloneDxBom(string SpecVersion, string? SerialNumber, int Version, CycloneDxComponent? Subject, IReadOnlyList<CycloneDxComponent> Components);

/// <summary>What kind of rejection an <see cref="SbomError"/> is, so an application can word it in its own language.</summary>
public enum SbomErrorKind
{
    /// <summary>The document does not match its version's schema; <see cref="SbomError.Values"/>: spec version, the validator's (English) message and the failing schema keyword (both may be empty).</summary>
    Schema,

    /// <summary>Not JSON; values: line, byte (1-based).</summary>
    NotJson,

    /// <summary>The top level is not a JSON object.</summary>
    NotObject,

    /// <summary><c>bomFormat</c> is not "CycloneDX".</summary>
    BomFormat,

    /// <summary><c>specVersion</c> is not one SirtDesk reads; values: the supported versions, comma-separated.</summary>
    SpecVersion,

    /// <summary>A <c>bom-ref</c> occurs twice; values: the bom-ref.</summary>
    DuplicateBomRef,
}

/// <summary>
/// Why a BOM was rejected: a JSON Pointer (RFC 6901) into the document, an English message, and the kind with the values
/// the message names (for applications that show the reason in another language).
/// </summary>
public sealed record SbomError(string Pointer, string Message)
{
    public SbomErrorKind Kind { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public override string ToString() => $"{(Pointer.Length == 0 ? "/" : Pointer)}: {Message}";
}

/// <summary>Either a BOM or the reason there is none.</summary>
public sealed record SbomParseResult(CycloneDxBom? Bom, SbomError? Error)
{
    public bool IsValid => Bom is not null;
}

/// <summary>
/// Reads a CycloneDX JSON BOM: checks <c>bomFormat</c> and <c>specVersion</c> (1.4, 1.5, 1.6), validates the whole
/// document against that version's schema (with SPDX and JSF schemas registered under their CycloneDX URIs, no
/// network), checks <c>bom-ref</c> uniqueness (the spec requires it; the schema cannot), then collects components.
/// </summary>
public static class CycloneDxParser
{
    public static readonly IReadOnlyList<string> SupportedVersions = ["1.4", "1.5", "1.6"];

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static SbomParseResult Parse(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    public static SbomParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    public static SbomParseResult Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = ((e.LineNumber ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            var at = ((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
            return Fail("", $"not valid JSON (line {line}, byte {at})", SbomErrorKind.NotJson, line, at);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("", "a CycloneDX BOM is a JSON object", SbomErrorKind.NotObject);
            }
            if (!root.TryGetProperty("bomFormat", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != "CycloneDX")
            {
                return Fail("/bomFormat", "must be \"CycloneDX\"", SbomErrorKind.BomFormat);
            }
            if (!root.TryGetProperty("specVersion", out var spec) || spec.ValueKind != JsonValueKind.String || !SupportedVersions.Contains(spec.GetString()))
            {
                return Fail("/specVersion", $"must be one of {string.Join(", ", SupportedVersions)} (CycloneDX JSON versions SirtDesk reads)", SbomErrorKind.SpecVersion, string.Join(", ", SupportedVersions));
            }
            var specVersion = spec.GetString()!;
            var schemaError = Validate(root, specVersion);
            if (schemaError is not null)
            {
                return new SbomParseResult(null, schemaError);
            }

            var components = new List<CycloneDxComponent>();
            var refs = new HashSet<string>(StringComparer.Ordinal);
            CycloneDxComponent? subject = null;
            if (root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("component", out var mc))
            {
                subject = Component(mc, "/metadata/component");
                if (subject.BomRef is not null)
                {
                    refs.Add(subject.BomRef);
                }
                if (mc.TryGetProperty("components", out var subjectChildren))
                {
                    var error = Collect(subjectChildren, "/metadata/component/components", components, refs);
                    if (error is not null)
                    {
                        return new SbomParseResult(null, error);
                    }
                }
            }
            if (root.TryGetProperty("components", out var list))
            {
                var error = Collect(list, "/components", components, refs);
                if (error is not null)
                {
                    return new SbomParseResult(null, error);
                }
            }
            var serial = root.TryGetProperty("serialNumber", out var sn) ? sn.GetString() : null;
            var version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var n) ? n : 1;
            return new SbomParseResult(new CycloneDxBom(specVersion, serial, version, subject, components), null);
        }
    }

    private static SbomError? Collect(JsonElement array, string pointer, List<CycloneDxComponent> into, HashSet<string> refs)
    {
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var here = $"{pointer}/{i}";
            var component = Component(element, here);
            if (component.BomRef is not null && !refs.Add(component.BomRef))
            {
                return new SbomError(here + "/bom-ref", $"bom-ref \"{component.BomRef}\" is not unique in the BOM") { Kind = SbomErrorKind.DuplicateBomRef, Values = [component.BomRef] };
            }
            into.Add(component);
            if (element.TryGetProperty("components", out var children))
            {
                var error = Collect(children, here + "/components", into, refs);
                if (error is not null)
                {
                    return error;
                }
            }
            i++;
        }
        return null;
    }

    private static CycloneDxComponent Component(JsonElement e, string pointer)
    {
        string? Text(string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var purlText = Text("purl");
        var purl = Purl.Purl.TryParse(purlText, out var parsed) ? parsed : null;
        return new CycloneDxComponent(Text("bom-ref"), Text("type") ?? "", Text("group"), Text("name") ?? "", Text("version"), purlText, purl, pointer);
    }

    private static SbomParseResult Fail(string pointer, string message, SbomErrorKind kind, params string[] values) =>
        new(null, new SbomError(pointer, message) { Kind = kind, Values = values });

    private static SbomError? Validate(JsonElement root, string specVersion)
    {
        var schema = Schemas.GetOrAdd(specVersion, v => new Lazy<JsonSchema>(() => LoadSchema(v))).Value;
        // The flag output stops at the first failure and builds no details: the common, valid case stays cheap.
        if (schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            return null;
        }
        var results = schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        // The deepest failing location is the most specific reason (an anyOf/oneOf also fails at its parents).
        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .Select(d => (Pointer: d.InstanceLocation.ToString(), Keyword: d.Errors!.First().Key, Message: d.Errors!.First().Value))
            .ToList();
        if (failures.Count == 0)
        {
            return new SbomError("", $"does not match the CycloneDX {specVersion} schema") { Kind = SbomErrorKind.Schema, Values = [specVersion, "", ""] };
        }
        var best = failures.MaxBy(f => f.Pointer.Count(c => c == '/'));
        return new SbomError(best.Pointer, $"{best.Message} (CycloneDX {specVersion} schema)") { Kind = SbomErrorKind.Schema, Values = [specVersion, best.Message, best.Keyword] };
    }

    private static readonly Lazy<BuildOptions> Options = new(() =>
    {
        // Draft-07 schemas; the CycloneDX files carry keywords JsonSchema.Net 8 does not know (e.g. "meta:enum"),
        // which its default dialect rejects (STACK.md §8), hence a dialect that allows unknown keywords.
        var options = new BuildOptions { Dialect = Dialect.Draft07.With([], Dialect.Draft07.Id, null, true) };
        foreach (var name in new[] { "spdx.schema.json", "jsf-0.82.schema.json" })
        {
            var uri = new Uri("http://cyclonedx.org/schema/" + name);
            options.SchemaRegistry.Register(uri, JsonSchema.FromText(Resource(name), options, uri));
        }
        return options;
    });

    private static JsonSchema LoadSchema(string version)
    {
        var name = $"bom-{version}.schema.json";
        return JsonSchema.FromText(Resource(name), Options.Value, new Uri("http://cyclonedx.org/schema/" + name));
    }

    private static string Resource(string name)
    {
        using var stream = typeof(CycloneDxParser).Assembly.GetManifestResourceStream("SirtDesk.Standards.CycloneDx.Schemas." + name)
            ?? throw new InvalidOperationException($"embedded schema {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
