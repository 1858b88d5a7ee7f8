using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Advisories;

/// <summary>
/// The CSAF 2.0 <c>csaf_security_advisory</c> of an advisory. Tracking (id, version, revision history, status,
/// dates) comes from SirtDesk's revisions, never from typed text. CSAF 2.0 has no place for CVSS v4.0: a v3.x
/// vector goes to <c>scores</c>, a v4.0 one to a vulnerability note.
/// </summary>
public static partial class CsafDocument
{
    public const string CsafVersion = "2.0";

    [GeneratedRegex("[^+\\-a-z0-9]+")]
    private static partial Regex OutsideFileNameChars();

    /// <summary>CSAF §5.1: lower-cased tracking id, each run of characters outside [+\-a-z0-9] as one "_", then ".json".</summary>
    public static string FileName(string trackingId) => OutsideFileNameChars().Replace(trackingId.ToLowerInvariant(), "_") + ".json";

    /// <summary>CSAF 2.0 knows TLP 1.0 labels: CLEAR is published as WHITE.</summary>
    public static string TlpLabel(string tlp) => tlp == "CLEAR" ? "WHITE" : tlp;

    /// <summary>The provider folder of a TLP label (BSI convention): white, green, amber, red.</summary>
    public static string TlpFolder(string tlp) => TlpLabel(tlp).ToLowerInvariant();

    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds the document for the given revision history (the last item is the revision being published; an empty
    /// history gives a draft document with version 0, for previews and the export of drafts).
    /// </summary>
    public static JsonObject Build(string number, AdvisoryContent c, IReadOnlyList<AdvisoryRevision> history, TeamProfile profile, string baseUrl, string lang, DateTimeOffset? now = null)
    {
        baseUrl = baseUrl.TrimEnd('/');
        string T(Bilingual b) => b.For(lang);
        var draft = history.Count == 0;
        var at = draft ? now ?? DateTimeOffset.UnixEpoch : history[^1].PublishedAt;
        var revisions = new JsonArray();
        foreach (var r in history)
        {
            revisions.Add(new JsonObject { ["date"] = Date(r.PublishedAt), ["number"] = r.Number.ToString(CultureInfo.InvariantCulture), ["summary"] = r.Summary });
        }
        if (draft)
        {
            revisions.Add(new JsonObject { ["date"] = Date(at), ["number"] = "0", ["summary"] = "Draft" });
        }
        var htmlUrl = $"{baseUrl}/{lang}/advisories/{Uri.EscapeDataString(number)}";
        var fileUrl = $"{baseUrl}/.well-known/csaf/{TlpFolder(c.Tlp)}/{(draft ? at : history[0].PublishedAt).Year}/{FileName(number)}";
        var references = new JsonArray
        {
            new JsonObject { ["category"] = "self", ["summary"] = "Canonical URL", ["url"] = fileUrl },
            new JsonObject { ["category"] = "self", ["summary"] = lang == "ja" ? "このアドバイザリ (HTML)" : "This advisory (HTML)", ["url"] = htmlUrl },
        };
        foreach (var r in c.References)
        {
            references.Add(new JsonObject { ["category"] = "external", ["summary"] = r, ["url"] = r });
        }
        var notes = new JsonArray();
        void Note(JsonArray into, string category, string title, Bilingual text)
        {
            if (T(text).Trim() is { Length: > 0 } s)
            {
                into.Add(new JsonObject { ["category"] = category, ["text"] = s, ["title"] = title });
            }
        }
        Note(notes, "summary", lang == "ja" ? "概要" : "Summary", c.Summary);
        Note(notes, "details", lang == "ja" ? "詳細" : "Details", c.Details);
        Note(notes, "general", lang == "ja" ? "影響" : "Impact", c.Impact);

        var document = new JsonObject
        {
            ["category"] = "csaf_security_advisory",
            ["csaf_version"] = CsafVersion,
            ["distribution"] = new JsonObject { ["tlp"] = new JsonObject { ["label"] = TlpLabel(c.Tlp), ["url"] = "https://www.first.org/tlp/" } },
            ["lang"] = lang,
            ["notes"] = notes,
            ["publisher"] = new JsonObject
            {
                ["category"] = "vendor",
                ["name"] = profile.Organization.EnglishName,
                ["namespace"] = baseUrl,
            },
            ["references"] = references,
            ["title"] = T(c.Title),
            ["tracking"] = new JsonObject
            {
                ["current_release_date"] = Date(at),
                ["generator"] = new JsonObject { ["engine"] = new JsonObject { ["name"] = "SirtDesk" } },
                ["id"] = number,
                ["initial_release_date"] = Date(draft ? at : history[0].PublishedAt),
                ["revision_history"] = revisions,
                ["status"] = draft ? "draft" : "final",
                ["version"] = draft ? "0" : history[^1].Number.ToString(CultureInfo.InvariantCulture),
            },
        };
        if (c.Acknowledgements.Count > 0)
        {
            document["acknowledgments"] = new JsonArray([.. c.Acknowledgements.Select(a =>
            {
                var o = new JsonObject { ["names"] = new JsonArray(a.Name) };
                if (a.Organization is { } org)
                {
                    o["organization"] = org;
                }
                return (JsonNode)o;
            })]);
        }
        CvssVector? vector = CvssVector.Parse(c.CvssVector ?? "") is { IsValid: true } parsed ? parsed.Vector : null;
        if (vector is { } sv)
        {
            document["aggregate_severity"] = new JsonObject { ["text"] = CvssJson.SeverityName(sv.Score().SeverityOf(sv.Score().Base)) };
        }

        // Product tree: vendor → product name → affected version range (and the fixed version), one product id each.
        var affectedIds = new List<string>();
        var fixedIds = new List<string>();
        var fixes = new List<(string Id, AffectedProduct Product)>();
        var vendors = new JsonArray();
        var i = 0;
        foreach (var byVendor in c.Products.GroupBy(p => p.Vendor.Trim()))
        {
            var names = new JsonArray();
            foreach (var byName in byVendor.GroupBy(p => p.Name.Trim()))
            {
                var versions = new JsonArray();
                foreach (var p in byName)
                {
                    i++;
                    var affectedId = $"SDP-{i}-AFFECTED";
                    affectedIds.Add(affectedId);
                    versions.Add(Leaf("product_version_range", p.AffectedVersions.Trim(), $"{byVendor.Key} {byName.Key} {p.AffectedVersions.Trim()}", affectedId));
                    if (AdvisoryOperations.Blank(p.FixedVersion) is { } fixedVersion)
                    {
                        var fixedId = $"SDP-{i}-FIXED";
                        fixedIds.Add(fixedId);
                        fixes.Add((affectedId, p));
                        versions.Add(Leaf("product_version", fixedVersion, $"{byVendor.Key} {byName.Key} {fixedVersion}", fixedId));
                    }
                }
                names.Add(new JsonObject { ["branches"] = versions, ["category"] = "product_name", ["name"] = byName.Key });
            }
            vendors.Add(new JsonObject { ["branches"] = names, ["category"] = "vendor", ["name"] = byVendor.Key });
        }

        var vulnerabilities = new JsonArray();
        IReadOnlyList<string?> cves = c.CveIds.Count == 0 ? new string?[] { null } : [.. c.CveIds];
        foreach (var cve in cves)
        {
            var v = new JsonObject();
            if (cve is not null)
            {
                v["cve"] = cve;
            }
            if (c.CweId is { } cwe && Cwe.TryGetName(cwe, out var cweName))
            {
                v["cwe"] = new JsonObject { ["id"] = cwe, ["name"] = cweName };
            }
            var vnotes = new JsonArray();
            Note(vnotes, "description", lang == "ja" ? "概要" : "Description", c.Summary);
            if (vector is { Version: CvssVersion.V4_0 } v4)
            {
                var s = v4.Score();
                vnotes.Add(new JsonObject
                {
                    ["category"] = "other",
                    ["text"] = $"{v4} — {s.Base} ({CvssJson.SeverityName(s.SeverityOf(s.Base))})",
                    ["title"] = "CVSS v4.0",
                });
            }
            v["notes"] = vnotes;
            var status = new JsonObject { ["known_affected"] = new JsonArray([.. affectedIds.Select(x => (JsonNode)x)]) };
            if (fixedIds.Count > 0)
            {
                status["fixed"] = new JsonArray([.. fixedIds.Select(x => (JsonNode)x)]);
            }
            v["product_status"] = status;
            var remediations = new JsonArray();
            foreach (var (id, p) in fixes)
            {
                remediations.Add(new JsonObject
                {
                    ["category"] = "vendor_fix",
                    ["details"] = lang == "ja" ? $"{p.Name} を {p.FixedVersion!.Trim()} 以降に更新してください。" : $"Update {p.Name} to {p.FixedVersion!.Trim()} or later.",
                    ["product_ids"] = new JsonArray(id),
                    ["url"] = htmlUrl,
                });
            }
            if (T(c.Workarounds).Trim() is { Length: > 0 } workaround && affectedIds.Count > 0)
            {
                remediations.Add(new JsonObject { ["category"] = "workaround", ["details"] = workaround, ["product_ids"] = new JsonArray([.. affectedIds.Select(x => (JsonNode)x)]) });
            }
            if (remediations.Count > 0)
            {
                v["remediations"] = remediations;
            }
            if (vector is { Version: CvssVersion.V3_0 or CvssVersion.V3_1 } v3 && affectedIds.Count > 0)
            {
                v["scores"] = new JsonArray(new JsonObject
                {
                    ["cvss_v3"] = JsonNode.Parse(CvssJson.ToJson(v3)),
                    ["products"] = new JsonArray([.. affectedIds.Select(x => (JsonNode)x)]),
                });
            }
            if (T(c.Title).Trim() is { Length: > 0 } title)
            {
                v["title"] = title;
            }
            vulnerabilities.Add(v);
        }

        return new JsonObject
        {
            ["document"] = document,
            ["product_tree"] = new JsonObject { ["branches"] = vendors },
            ["vulnerabilities"] = vulnerabilities,
        };
    }

    private static JsonObject Leaf(string category, string name, string fullName, string productId) => new()
    {
        ["category"] = category,
        ["name"] = name,
        ["product"] = new JsonObject { ["name"] = fullName, ["product_id"] = productId },
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Indented UTF-8 JSON with keys sorted (CSAF recommends sorted keys; optional test 6.2.11).</summary>
    public static string Serialize(JsonNode node) => Sorted(node)!.ToJsonString(Indented) + "\n";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sorted(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
