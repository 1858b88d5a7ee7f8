using System.Text.Json.Nodes;
using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;

namespace SirtDesk.Advisories;

/// <summary>
/// CVE JSON 5 records (dataType CVE_RECORD, dataVersion 5.1): one full published record per CVE id of the advisory,
/// with the CNA container CVE Services takes (affected, descriptions ja + en, problem types, metrics, references, credits).
/// </summary>
public static class CveRecords
{
    public static IReadOnlyList<JsonObject> Build(Advisory advisory, AdvisoryContent c, string baseUrl, string orgId, string shortName, DateTimeOffset now)
    {
        baseUrl = baseUrl.TrimEnd('/');
        var published = advisory.InitialReleaseAt ?? now;
        var updated = advisory.CurrentReleaseAt ?? now;
        var records = new List<JsonObject>();
        foreach (var cve in c.CveIds)
        {
            var descriptions = new JsonArray();
            foreach (var lang in new[] { "en", "ja" })
            {
                var text = (lang == "ja" ? c.Summary.Ja : c.Summary.En).Trim();
                if (text.Length > 0)
                {
                    descriptions.Add(new JsonObject { ["lang"] = lang, ["value"] = text.Length > 4096 ? text[..4096] : text });
                }
            }
            var affected = new JsonArray();
            foreach (var p in c.Products)
            {
                var version = AdvisoryOperations.Blank(p.FixedVersion) is { } fixedVersion
                    ? new JsonObject { ["version"] = "0", ["lessThan"] = fixedVersion, ["status"] = "affected", ["versionType"] = "custom" }
                    : new JsonObject { ["version"] = p.AffectedVersions.Trim(), ["status"] = "affected" };
                affected.Add(new JsonObject
                {
                    ["vendor"] = p.Vendor.Trim(),
                    ["product"] = p.Name.Trim(),
                    ["versions"] = new JsonArray(version),
                    ["defaultStatus"] = "unknown",
                });
            }
            var references = new JsonArray(new JsonObject { ["url"] = $"{baseUrl}/en/advisories/{Uri.EscapeDataString(advisory.Number)}", ["tags"] = new JsonArray("vendor-advisory") });
            foreach (var r in c.References)
            {
                references.Add(new JsonObject { ["url"] = r });
            }
            var cna = new JsonObject
            {
                ["providerMetadata"] = new JsonObject { ["orgId"] = orgId, ["shortName"] = shortName, ["dateUpdated"] = CsafDocument.Date(updated) },
                ["title"] = Cap(c.Title.For("en"), 256),
                ["datePublic"] = CsafDocument.Date(published),
                ["descriptions"] = descriptions,
                ["affected"] = affected,
                ["references"] = references,
            };
            if (c.CweId is { } cwe && Cwe.TryGetName(cwe, out var name))
            {
                cna["problemTypes"] = new JsonArray(new JsonObject
                {
                    ["descriptions"] = new JsonArray(new JsonObject { ["lang"] = "en", ["description"] = $"{cwe} {name}", ["cweId"] = cwe, ["type"] = "CWE" }),
                });
            }
            if (CvssVector.Parse(c.CvssVector ?? "") is { IsValid: true } parsed)
            {
                var key = parsed.Vector.Version switch
                {
                    CvssVersion.V4_0 => "cvssV4_0",
                    CvssVersion.V3_1 => "cvssV3_1",
                    CvssVersion.V3_0 => "cvssV3_0",
                    _ => "cvssV2_0",
                };
                cna["metrics"] = new JsonArray(new JsonObject { [key] = JsonNode.Parse(CvssJson.ToJson(parsed.Vector)) });
            }
            if (c.Acknowledgements.Count > 0)
            {
                cna["credits"] = new JsonArray([.. c.Acknowledgements.Select(a => (JsonNode)new JsonObject
                {
                    ["lang"] = "en",
                    ["value"] = a.Organization is null ? a.Name : $"{a.Name} ({a.Organization})",
                    ["type"] = "finder",
                })]);
            }
            if (c.Workarounds.En.Trim() is { Length: > 0 } workaround)
            {
                cna["workarounds"] = new JsonArray(new JsonObject { ["lang"] = "en", ["value"] = Cap(workaround, 4096) });
            }
            records.Add(new JsonObject
            {
                ["dataType"] = "CVE_RECORD",
                ["dataVersion"] = "5.1",
                ["cveMetadata"] = new JsonObject
                {
                    ["cveId"] = cve,
                    ["assignerOrgId"] = orgId,
                    ["assignerShortName"] = shortName,
                    ["state"] = "PUBLISHED",
                    ["datePublished"] = CsafDocument.Date(published),
                    ["dateUpdated"] = CsafDocument.Date(updated),
                },
                ["containers"] = new JsonObject { ["cna"] = cna },
            });
        }
        return records;
    }

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;
}
