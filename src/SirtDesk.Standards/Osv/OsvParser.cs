using System.Text.Json;

namespace SirtDesk.Standards.Osv;

/// <summary>
/// Reads one OSV JSON record with a <see cref="Utf8JsonReader"/>, checking the schema rules matching depends on:
/// <c>id</c> and <c>modified</c> (RFC 3339, UTC <c>Z</c>) required; each event has exactly one key; a range has an
/// <c>introduced</c> event and not both <c>fixed</c> and <c>last_affected</c>; a GIT range has a <c>repo</c>.
/// </summary>
public static class OsvParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, MaxDepth = 256 };

    /// <summary>Parses a record, or returns null with the reason in <paramref name="error"/>.</summary>
    public static OsvAdvisory? Parse(ReadOnlySpan<byte> utf8Json, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return null;
            }
            var advisory = ReadAdvisory(ref reader, out error);
            if (advisory is not null && reader.Read())
            {
                error = "content after the JSON object";
                return null;
            }
            return advisory;
        }
        catch (JsonException e)
        {
            error = $"invalid JSON: {e.Message}";
            return null;
        }
    }

    public static OsvAdvisory Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json), out var error) ?? throw new FormatException(error);
    }

    private static OsvAdvisory? ReadAdvisory(ref Utf8JsonReader r, out string? error)
    {
        string? id = null, summary = null;
        Stamp modified = default, published = default, withdrawn = default;
        List<string> aliases = [];
        List<OsvSeverity> severity = [];
        List<OsvAffected> affected = [];
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8))
            {
                id = String(ref r);
            }
            else if (r.ValueTextEquals("modified"u8))
            {
                modified = Timestamp(ref r);
            }
            else if (r.ValueTextEquals("published"u8))
            {
                published = Timestamp(ref r);
            }
            else if (r.ValueTextEquals("withdrawn"u8))
            {
                withdrawn = Timestamp(ref r);
            }
            else if (r.ValueTextEquals("summary"u8))
            {
                summary = String(ref r);
            }
            else if (r.ValueTextEquals("aliases"u8))
            {
                aliases = StringArray(ref r);
            }
            else if (r.ValueTextEquals("severity"u8))
            {
                severity = Severities(ref r);
            }
            else if (r.ValueTextEquals("affected"u8))
            {
                Expect(ref r, JsonTokenType.StartArray, "affected");
                while (NextObject(ref r))
                {
                    var a = ReadAffected(ref r, out error);
                    if (a is null)
                    {
                        return null;
                    }
                    affected.Add(a);
                }
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        if (string.IsNullOrEmpty(id))
        {
            error = "'id' is missing";
            return null;
        }
        if (!modified.Present)
        {
            error = $"{id}: 'modified' is missing";
            return null;
        }
        foreach (var (stamp, name) in new[] { (modified, "modified"), (published, "published"), (withdrawn, "withdrawn") })
        {
            if (stamp.Present && stamp.Value is null)
            {
                error = $"{id}: '{name}' is not an RFC 3339 UTC timestamp ending in Z";
                return null;
            }
        }
        error = null;
        return new OsvAdvisory(id, modified.Value!.Value, published.Value, withdrawn.Value, aliases, summary, severity, affected);
    }

    private static OsvAffected? ReadAffected(ref Utf8JsonReader r, out string? error)
    {
        OsvPackage? package = null;
        List<OsvRange> ranges = [];
        List<string> versions = [];
        List<OsvSeverity> severity = [];
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("package"u8))
            {
                Expect(ref r, JsonTokenType.StartObject, "package");
                string? ecosystem = null, name = null, purl = null;
                while (Next(ref r) == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("ecosystem"u8))
                    {
                        ecosystem = String(ref r);
                    }
                    else if (r.ValueTextEquals("name"u8))
                    {
                        name = String(ref r);
                    }
                    else if (r.ValueTextEquals("purl"u8))
                    {
                        purl = String(ref r);
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                }
                if (ecosystem is null || name is null)
                {
                    error = "an affected package needs 'ecosystem' and 'name'";
                    return null;
                }
                package = new OsvPackage(ecosystem, name, purl);
            }
            else if (r.ValueTextEquals("ranges"u8))
            {
                Expect(ref r, JsonTokenType.StartArray, "ranges");
                while (NextObject(ref r))
                {
                    var range = ReadRange(ref r, out error);
                    if (range is null)
                    {
                        return null;
                    }
                    ranges.Add(range);
                }
            }
            else if (r.ValueTextEquals("versions"u8))
            {
                versions = StringArray(ref r);
            }
            else if (r.ValueTextEquals("severity"u8))
            {
                severity = Severities(ref r);
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        error = null;
        return new OsvAffected(package, ranges, versions, severity);
    }

    private static OsvRange? ReadRange(ref Utf8JsonReader r, out string? error)
    {
        string? type = null, repo = null;
        List<OsvEvent> events = [];
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("type"u8))
            {
                type = String(ref r);
            }
            else if (r.ValueTextEquals("repo"u8))
            {
                repo = String(ref r);
            }
            else if (r.ValueTextEquals("events"u8))
            {
                Expect(ref r, JsonTokenType.StartArray, "events");
                while (NextObject(ref r))
                {
                    OsvEvent? ev = null;
                    var keys = 0;
                    while (Next(ref r) == JsonTokenType.PropertyName)
                    {
                        keys++;
                        OsvEventKind? kind = r.ValueTextEquals("introduced"u8) ? OsvEventKind.Introduced
                            : r.ValueTextEquals("fixed"u8) ? OsvEventKind.Fixed
                            : r.ValueTextEquals("last_affected"u8) ? OsvEventKind.LastAffected
                            : r.ValueTextEquals("limit"u8) ? OsvEventKind.Limit
                            : null;
                        if (kind is null)
                        {
                            error = $"unknown event '{r.GetString()}'";
                            return null;
                        }
                        var version = String(ref r);
                        if (string.IsNullOrEmpty(version))
                        {
                            error = "an event needs a version";
                            return null;
                        }
                        ev = new OsvEvent(kind.Value, version);
                    }
                    if (keys != 1)
                    {
                        error = "an event must have exactly one of introduced, fixed, last_affected, limit";
                        return null;
                    }
                    events.Add(ev!);
                }
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        OsvRangeType? rangeType = type switch
        {
            "SEMVER" => OsvRangeType.Semver,
            "ECOSYSTEM" => OsvRangeType.Ecosystem,
            "GIT" => OsvRangeType.Git,
            _ => null,
        };
        if (rangeType is null)
        {
            error = $"range type '{type}' is not SEMVER, ECOSYSTEM or GIT";
            return null;
        }
        if (rangeType == OsvRangeType.Git && string.IsNullOrEmpty(repo))
        {
            error = "a GIT range needs 'repo'";
            return null;
        }
        if (!events.Any(e => e.Kind == OsvEventKind.Introduced))
        {
            error = "a range needs an 'introduced' event";
            return null;
        }
        if (events.Any(e => e.Kind == OsvEventKind.Fixed) && events.Any(e => e.Kind == OsvEventKind.LastAffected))
        {
            error = "a range cannot have both 'fixed' and 'last_affected' events";
            return null;
        }
        error = null;
        return new OsvRange(rangeType.Value, repo, events);
    }

    private static List<OsvSeverity> Severities(ref Utf8JsonReader r)
    {
        var list = new List<OsvSeverity>();
        Expect(ref r, JsonTokenType.StartArray, "severity");
        while (NextObject(ref r))
        {
            string? type = null, score = null;
            while (Next(ref r) == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8))
                {
                    type = String(ref r);
                }
                else if (r.ValueTextEquals("score"u8))
                {
                    score = String(ref r);
                }
                else
                {
                    r.Read();
                    r.Skip();
                }
            }
            if (type is not null && score is not null)
            {
                list.Add(new OsvSeverity(type, score));
            }
        }
        return list;
    }

    /// <summary>A timestamp property: absent, present and valid (Value set), or present and invalid.</summary>
    private readonly record struct Stamp(bool Present, DateTimeOffset? Value);

    /// <summary>RFC 3339 in UTC with a trailing Z, read without allocating a string.</summary>
    private static Stamp Timestamp(ref Utf8JsonReader r)
    {
        if (Next(ref r) != JsonTokenType.String)
        {
            return new Stamp(r.TokenType != JsonTokenType.Null, null);
        }
        var span = r.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(r.ValueSequence) : r.ValueSpan;
        if (!r.ValueIsEscaped && span.Length >= 20 && span[^1] == (byte)'Z' && span[10] is (byte)'T' or (byte)'t'
            && r.TryGetDateTimeOffset(out var value))
        {
            return new Stamp(true, value.ToUniversalTime());
        }
        return new Stamp(true, null);
    }

    private static JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw new JsonException("unexpected end of data");
        }
        return r.TokenType;
    }

    /// <summary>Moves to the next element of an array of objects; false at the end of the array.</summary>
    private static bool NextObject(ref Utf8JsonReader r) => Next(ref r) switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.EndArray => false,
        _ => throw new JsonException("expected an array of objects"),
    };

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
    {
        if (Next(ref r) != type)
        {
            throw new JsonException($"'{what}' has the wrong JSON type");
        }
    }

    private static string? String(ref Utf8JsonReader r)
    {
        var t = Next(ref r);
        if (t == JsonTokenType.Null)
        {
            return null;
        }
        if (t != JsonTokenType.String)
        {
            throw new JsonException("expected a string");
        }
        return r.GetString();
    }

    private static List<string> StringArray(ref Utf8JsonReader r)
    {
        var list = new List<string>();
        var t = Next(ref r);
        if (t == JsonTokenType.Null)
        {
            return list;
        }
        if (t != JsonTokenType.StartArray)
        {
            throw new JsonException("expected an array of strings");
        }
        while (Next(ref r) == JsonTokenType.String)
        {
            list.Add(r.GetString()!);
        }
        if (r.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("expected an array of strings");
        }
        return list;
    }
}
