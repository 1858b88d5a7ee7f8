using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Advisories;

/// <summary>
/// <c>sirtdesk advisory list</c>: <c>id TAB status TAB title-en</c> per advisory (status draft, in-review,
/// published, withdrawn). <c>sirtdesk advisory export --id ID --format csaf|cve|html [--lang ja|en]</c>: the document on
/// stdout (cve: one JSON record per CVE, one per line).
/// </summary>
public static class AdvisoryVerbs
{
    public static async Task<int> ListAsync(WebApplication app)
    {
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var all = await db.Set<Advisory>().AsNoTracking().ToListAsync();
        var output = new System.Text.StringBuilder();
        foreach (var a in all.OrderBy(a => a.Number, StringComparer.Ordinal))
        {
            var title = OneLine(a.Content.Title.En);
            output.Append(a.Number).Append('\t').Append(a.StatusWord).Append('\t').Append(title).Append('\n');
        }
        await Console.Out.WriteAsync(output.ToString());
        await Console.Out.FlushAsync();
        return Verbs.Ok;
    }

    public static async Task<int> ExportAsync(WebApplication app, CommandLine cli)
    {
        var id = cli.Option("--id");
        var format = cli.Option("--format");
        var lang = cli.Option("--lang");
        if (string.IsNullOrWhiteSpace(id) || format is not ("csaf" or "cve" or "html") || lang is not (null or "ja" or "en"))
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk advisory export --id ID --format csaf|cve|html [--lang ja|en]");
            return Verbs.Usage;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SirtDb>();
        var advisory = await db.Set<Advisory>().AsNoTracking().Include(a => a.Revisions).FirstOrDefaultAsync(a => a.Number == id.Trim());
        if (advisory is null)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no advisory {id.Trim()}.");
            return Verbs.Failed;
        }
        var profile = await services.GetRequiredService<ProfileStore>().GetAsync(CancellationToken.None);
        var options = services.GetRequiredService<IOptions<AdvisoryOptions>>().Value;
        var config = services.GetRequiredService<IConfiguration>();
        var baseUrl = PublicSiteModule.BaseUrl(config);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var revisions = advisory.Revisions.OrderBy(r => r.Number).ToList();
        // Published advisories export what was published; drafts export their current text (a CSAF draft, version 0).
        var content = revisions.Count > 0 ? revisions[^1].Content : advisory.Content;
        string text;
        switch (format)
        {
            case "csaf":
                var csafLang = lang ?? AdvisoryOperations.CsafLanguage(content);
                text = revisions.Count > 0 && csafLang == AdvisoryOperations.CsafLanguage(content)
                    ? revisions[^1].CsafJson
                    : CsafDocument.Serialize(CsafDocument.Build(advisory.Number, content, revisions, profile, baseUrl, csafLang, now));
                break;
            case "cve":
                var records = CveRecords.Build(advisory, content, baseUrl, options.CnaOrgId, CnaShortName(options, profile), now);
                if (records.Count == 0)
                {
                    await Console.Error.WriteLineAsync($"sirtdesk: {advisory.Number} has no CVE id.");
                    return Verbs.Failed;
                }
                text = string.Concat(records.Select(r => r.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n"));
                break;
            default:
                text = AdvisoryHtml.Render(advisory, content, revisions, profile, lang ?? "ja", baseUrl, services.GetRequiredService<IStringLocalizer<SharedResource>>());
                break;
        }
        await Console.Out.WriteAsync(text);
        await Console.Out.FlushAsync();
        return Verbs.Ok;
    }

    /// <summary>CVE short names allow [A-Za-z0-9_-], 2 to 32 characters.</summary>
    public static string CnaShortName(AdvisoryOptions options, TeamProfile profile)
    {
        var raw = options.CnaShortName is { Length: > 0 } s ? s : profile.Organization.ShortName.En;
        var clean = new string([.. raw.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_')]);
        clean = clean.Length > 32 ? clean[..32] : clean;
        return clean.Length < 2 ? "sirtdesk" : clean;
    }

    private static string OneLine(string s) => new([.. s.Select(ch => char.IsControl(ch) ? ' ' : ch)]);
}
