using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Advisories;

/// <summary>
/// The CSAF trusted-provider layout (CSAF 2.0 §7.1): provider-metadata.json, per TLP folder the documents under
/// their initial-release year with .sha256/.sha512/.asc, index.txt, changes.csv and a ROLIE feed. TLP:WHITE (our
/// CLEAR) is public; GREEN, AMBER and RED need an authenticated partner — for now a staff session or an API token.
/// </summary>
public static class CsafProvider
{
    public static readonly string[] Folders = ["white", "green", "amber", "red"];

    private static readonly string[] Suffixes = [".json.sha256", ".json.sha512", ".json.asc", ".json"];

    public static void MapCsafProvider(this WebApplication app)
    {
        app.MapGet("/.well-known/csaf/provider-metadata.json", ProviderMetadataAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/csaf/{tlp}/{name}", FolderFileAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/.well-known/csaf/{tlp}/{year:int}/{file}", DocumentFileAsync).AllowAnonymous().ExcludeFromDescription();
    }

    public static string Root(string baseUrl) => baseUrl.TrimEnd('/') + "/.well-known/csaf";

    public static JsonObject ProviderMetadata(TeamProfile profile, string baseUrl, DateTimeOffset lastUpdated, IEnumerable<(string Fingerprint, string Url)> keys)
    {
        var root = Root(baseUrl);
        var feeds = new JsonArray([.. Folders.Select(f => (JsonNode)new JsonObject
        {
            ["summary"] = f == "white" ? "TLP:WHITE (TLP:CLEAR) advisories, public" : $"TLP:{f.ToUpperInvariant()} advisories, for authenticated partners",
            ["tlp_label"] = f.ToUpperInvariant(),
            ["url"] = $"{root}/{f}/csaf-feed-tlp-{f}.json",
        })]);
        return new JsonObject
        {
            ["canonical_url"] = $"{root}/provider-metadata.json",
            ["distributions"] = new JsonArray(new JsonObject { ["rolie"] = new JsonObject { ["feeds"] = feeds } }),
            ["last_updated"] = CsafDocument.Date(lastUpdated),
            ["list_on_CSAF_aggregators"] = true,
            ["metadata_version"] = "2.0",
            ["mirror_on_CSAF_aggregators"] = true,
            ["public_openpgp_keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["fingerprint"] = k.Fingerprint, ["url"] = k.Url })]),
            ["publisher"] = new JsonObject { ["category"] = "vendor", ["name"] = profile.Organization.EnglishName, ["namespace"] = baseUrl.TrimEnd('/') },
            ["role"] = "csaf_trusted_provider",
        };
    }

    private static async Task<IResult> ProviderMetadataAsync(HttpContext http, IConfiguration config, ProfileStore profiles, PublishedAdvisories published, Mail.TeamKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var baseUrl = PublicSiteModule.BaseUrl(http, config);
        var all = await published.AllAsync(ct);
        var last = all.Count > 0 ? all.Max(a => a.CurrentReleaseAt) : (await profiles.GetAsync(ct)).Document.LastUpdated.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var keyList = (await keys.PublishedAsync(ct)).Where(k => k.RetiredAt is null).Select(k => (k.Fingerprint, $"{baseUrl}/pgp/{k.Fingerprint}.asc"));
        return Json(ProviderMetadata(await profiles.GetAsync(ct), baseUrl, last, keyList));
    }

    /// <summary>index.txt, changes.csv or the ROLIE feed of one TLP folder.</summary>
    private static async Task<IResult> FolderFileAsync(string tlp, string name, HttpContext http, IConfiguration config, ProfileStore profiles, PublishedAdvisories published, StaffAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (!Folders.Contains(tlp))
        {
            return Results.NotFound();
        }
        if (await FolderAsync(tlp, http, access, await published.SnapshotAsync(ct), ct) is not { } docs)
        {
            return Results.Unauthorized();
        }
        var baseUrl = PublicSiteModule.BaseUrl(http, config);
        var folder = $"{Root(baseUrl)}/{tlp}";
        switch (name)
        {
            case "index.txt":
                return Results.Text(string.Concat(docs.OrderBy(d => d.YearPath, StringComparer.Ordinal).Select(d => d.YearPath + "\n")), "text/plain; charset=utf-8");
            case "changes.csv":
                // CSAF §7.1.13: "path","current_release_date", no header, newest first.
                return Results.Text(string.Concat(docs.OrderByDescending(d => d.CurrentReleaseAt).Select(d => $"\"{d.YearPath}\",\"{CsafDocument.Date(d.CurrentReleaseAt)}\"\n")), "text/csv; charset=utf-8");
            default:
                if (name != $"csaf-feed-tlp-{tlp}.json")
                {
                    return Results.NotFound();
                }
                var profile = await profiles.GetAsync(ct);
                var entries = new JsonArray([.. docs.Select(d => (JsonNode)RolieEntry(d, folder))]);
                var feed = new JsonObject
                {
                    ["feed"] = new JsonObject
                    {
                        ["id"] = $"{profile.Organization.EnglishName}-csaf-feed-tlp-{tlp}",
                        ["title"] = $"{profile.Organization.EnglishName} CSAF feed (TLP:{tlp.ToUpperInvariant()})",
                        ["link"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = $"{folder}/csaf-feed-tlp-{tlp}.json" }),
                        ["category"] = new JsonArray(new JsonObject { ["scheme"] = "urn:ietf:params:rolie:category:information-type", ["term"] = "csaf" }),
                        ["updated"] = CsafDocument.Date(docs.Count > 0 ? docs.Max(d => d.CurrentReleaseAt) : clock.GetUtcNow()),
                        ["entry"] = entries,
                    },
                };
                return Json(feed);
        }
    }

    private static JsonObject RolieEntry(PublishedAdvisory d, string folder)
    {
        var url = $"{folder}/{d.YearPath}";
        return new JsonObject
        {
            ["id"] = d.Number,
            ["title"] = d.Content.Title.For(AdvisoryOperations.CsafLanguage(d.Content)),
            ["link"] = new JsonArray(
                new JsonObject { ["rel"] = "self", ["href"] = url },
                new JsonObject { ["rel"] = "hash", ["href"] = url + ".sha256" },
                new JsonObject { ["rel"] = "hash", ["href"] = url + ".sha512" },
                new JsonObject { ["rel"] = "signature", ["href"] = url + ".asc" }),
            ["published"] = CsafDocument.Date(d.InitialReleaseAt),
            ["updated"] = CsafDocument.Date(d.CurrentReleaseAt),
            ["summary"] = new JsonObject { ["content"] = d.Content.Summary.For(AdvisoryOperations.CsafLanguage(d.Content)) },
            ["content"] = new JsonObject { ["type"] = "application/json", ["src"] = url },
            ["format"] = new JsonObject { ["schema"] = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", ["version"] = "2.0" },
        };
    }

    /// <summary>
    /// YYYY/file.json and its .sha256, .sha512 and .asc (detached signature by the <see cref="PublishingKey"/>, the key
    /// that signs security.txt, made once per revision and key and kept with the published snapshot).
    /// </summary>
    private static async Task<IResult> DocumentFileAsync(string tlp, int year, string file, HttpContext http, PublishedAdvisories published, StaffAccess access, Mail.TeamKeys keys, ProfileStore profiles, IConfiguration config, CancellationToken ct)
    {
        if (!Folders.Contains(tlp))
        {
            return Results.NotFound();
        }
        var snapshot = await published.SnapshotAsync(ct);
        if (await FolderAsync(tlp, http, access, snapshot, ct) is not { } docs)
        {
            return Results.Unauthorized();
        }
        var suffix = Suffixes.FirstOrDefault(s => file.EndsWith(s, StringComparison.Ordinal));
        if (suffix is null)
        {
            return Results.NotFound();
        }
        var fileName = file[..^suffix.Length] + ".json";
        var doc = docs.FirstOrDefault(d => d.YearPath == $"{year.ToString(CultureInfo.InvariantCulture)}/{fileName}");
        if (doc is null)
        {
            return Results.NotFound();
        }
        var bytes = Encoding.UTF8.GetBytes(doc.Latest.CsafJson);
        switch (suffix)
        {
            case ".json":
                return Results.Bytes(bytes, "application/json");
            case ".json.sha256":
                return Results.Text($"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  {fileName}\n", "text/plain; charset=utf-8");
            case ".json.sha512":
                return Results.Text($"{Convert.ToHexStringLower(SHA512.HashData(bytes))}  {fileName}\n", "text/plain; charset=utf-8");
            default:
                var signer = PublishingKey.Choose(await keys.KeyringAsync(ct), await profiles.GetAsync(ct), config);
                return signer is null
                    ? Results.NotFound()
                    : Results.Text(snapshot.Signature(doc, signer), "application/pgp-signature");
        }
    }

    /// <summary>
    /// The published documents of one TLP folder the caller may read: all of <c>white</c> for anyone; of the other
    /// folders, for partners, only those of the teams they see (a member of one sub-team does not read another's
    /// AMBER or RED documents). Null when a non-public folder is asked for without a partner's credentials.
    /// </summary>
    private static async Task<List<PublishedAdvisory>?> FolderAsync(string tlp, HttpContext http, StaffAccess access, PublishedSnapshot published, CancellationToken ct)
    {
        var docs = published.All.Where(d => d.TlpFolder == tlp).ToList();
        if (tlp == "white")
        {
            return docs;
        }
        if (await PartnerAsync(http) is not { } partner)
        {
            return null;
        }
        var teams = await access.VisibleTeamsAsync(partner, ct);
        return teams is null ? docs : [.. docs.Where(d => teams.Contains(d.Advisory.Team))];
    }

    /// <summary>Partners, for now: a signed-in staff member or a valid API token (see the operator guide).</summary>
    private static async Task<ClaimsPrincipal?> PartnerAsync(HttpContext http)
    {
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, ApiTokenHandler.SchemeName })
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded && Roles.All.Any(result.Principal.IsInRole))
            {
                return result.Principal;
            }
        }
        return null;
    }

    private static IResult Json(JsonNode node) => Results.Text(CsafDocument.Serialize(node), "application/json; charset=utf-8");
}
