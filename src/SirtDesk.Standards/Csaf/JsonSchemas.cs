using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// The embedded schemas, built once with JsonSchema.Net 8 (see STACK.md section 8): dialects that tolerate unknown
/// keywords (FIRST's <c>license</c>), the draft-04 CVSS files read as draft-07, each registered under the URL the
/// CSAF schema refers to it by. The CSAF and CVSS schemas are used in their strict form.
/// </summary>
internal static class JsonSchemas
{
    private static readonly Lazy<Built> Instance = new(Build);
    private static readonly Lazy<JsonSchema> Cve = new(BuildCve);

    public static JsonSchema Csaf => Instance.Value.Csaf;

    public static JsonSchema CveRecord => Cve.Value;

    /// <summary>The strict FIRST schema of a CVSS object by its <c>version</c> ("2.0", "3.0", "3.1").</summary>
    public static JsonSchema Cvss(string version) => Instance.Value.Cvss[version];

    private sealed record Built(JsonSchema Csaf, IReadOnlyDictionary<string, JsonSchema> Cvss);

    private static Built Build()
    {
        var draft07 = Dialect.Draft07.With([], Dialect.Draft07.Id, null, true);
        var draft202012 = Dialect.Draft202012.With([], Dialect.Draft202012.Id, null, true);
        var options = new BuildOptions { Dialect = draft202012 };
        var cvss = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var version in new[] { "2.0", "3.0", "3.1" })
        {
            var node = Load($"cvss-v{version}.json").AsObject();
            node.Remove("$schema");
            // Draft-04's "id" is dropped, not renamed (a late "$id" makes JsonSchema.Net 8 register subschemas
            // twice); the base URI passed below names the schema instead.
            node.Remove("id");
            node.Remove("$id");
            MakeStrict(node);
            var uri = new Uri($"https://www.first.org/cvss/cvss-v{version}.json");
            var schema = JsonSchema.FromText(node.ToJsonString(), new BuildOptions { Dialect = draft07 }, uri);
            options.SchemaRegistry.Register(uri, schema);
            cvss[version] = schema;
        }

        var csafNode = Load("csaf_json_schema.json").AsObject();
        MakeStrict(csafNode);
        var csaf = JsonSchema.FromText(csafNode.ToJsonString(), options);
        return new Built(csaf, cvss);
    }

    /// <summary>
    /// The bundled CVE schema is draft-07 but embeds FIRST's draft-04 CVSS v2 schema; every nested
    /// <c>$schema</c> is dropped so the whole file is read as draft-07 (which that part's keywords allow).
    /// </summary>
    private static JsonSchema BuildCve()
    {
        var node = Load("CVE_JSON_bundled_5.1.1.json");
        RemoveSchemaDeclarations(node);
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft07.With([], Dialect.Draft07.Id, null, true) });
    }

    private static void RemoveSchemaDeclarations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$schema"] is JsonValue)
                {
                    obj.Remove("$schema");
                }
                foreach (var (_, child) in obj)
                {
                    RemoveSchemaDeclarations(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RemoveSchemaDeclarations(child);
                }
                break;
        }
    }

    private static JsonNode Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SirtDesk.Standards.Csaf.Schemas.{name}")
            ?? throw new InvalidOperationException($"embedded schema {name} is missing");
        return JsonNode.Parse(stream)!;
    }

    /// <summary>
    /// The strict form (as OASIS's and secvisogram's strict schemas): every object schema that lists
    /// <c>properties</c> and says nothing about others gets <c>"additionalProperties": false</c>.
    /// Walks schema positions only, so a property that happens to be called "properties" is not mistaken for one.
    /// </summary>
    internal static void MakeStrict(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }
        if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties") && !obj.ContainsKey("unevaluatedProperties"))
        {
            obj["additionalProperties"] = false;
        }
        foreach (var map in new[] { "properties", "$defs", "definitions", "patternProperties", "dependentSchemas" })
        {
            if (obj[map] is JsonObject children)
            {
                foreach (var (_, child) in children)
                {
                    MakeStrict(child);
                }
            }
        }
        foreach (var single in new[] { "items", "additionalItems", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties" })
        {
            MakeStrict(obj[single]);
        }
        foreach (var list in new[] { "allOf", "anyOf", "oneOf", "prefixItems", "items" })
        {
            if (obj[list] is JsonArray array)
            {
                foreach (var child in array)
                {
                    MakeStrict(child);
                }
            }
        }
    }

    /// <summary>
    /// Evaluates <paramref name="instance"/> and returns each error with the JSON Pointer of its value. Only the
    /// failing branches of the hierarchy are walked, so the losing alternatives of a <c>oneOf</c>/<c>anyOf</c> that
    /// holds are not reported.
    /// </summary>
    public static IReadOnlyList<(string Pointer, string Message)> Errors(JsonSchema schema, JsonNode instance)
    {
        var element = JsonSerializer.SerializeToElement(instance);
        var results = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });
        var errors = new List<(string, string)>();
        if (!results.IsValid)
        {
            Collect(results, errors, []);
        }
        return errors;
    }

    private static void Collect(EvaluationResults node, List<(string, string)> errors, HashSet<(string, string)> seen)
    {
        if (node.IsValid)
        {
            return;
        }
        var pointer = node.InstanceLocation.ToString();
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            var text = keyword.Length == 0 || keyword == "$false"
                ? $"the schema does not allow the property {Last(pointer)} here"
                : $"{keyword}: {message}";
            if (seen.Add((pointer, text)))
            {
                errors.Add((pointer, text));
            }
        }
        foreach (var child in node.Details ?? [])
        {
            Collect(child, errors, seen);
        }
    }

    private static string Last(string pointer) =>
        pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
