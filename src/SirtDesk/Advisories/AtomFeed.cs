using System.Text;
using System.Xml;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Advisories;

/// <summary>
/// /feed.atom and /{lang}/feed.atom (RFC 4287): one entry per published revision of a public advisory (new and
/// updated), and one for the current version of the description document. /feed.atom is in Japanese, the site's
/// default language.
/// </summary>
public static class AtomFeed
{
    public static void MapAtomFeed(this WebApplication app)
    {
        app.MapGet("/feed.atom", (HttpContext http, IConfiguration config, ProfileStore profiles, PublishedAdvisories published, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RenderAsync("ja", http, config, profiles, published, l, ct)).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/{lang:regex(^(ja|en)$)}/feed.atom", (string lang, HttpContext http, IConfiguration config, ProfileStore profiles, PublishedAdvisories published, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            RenderAsync(lang, http, config, profiles, published, l, ct)).AllowAnonymous().ExcludeFromDescription();
    }

    private sealed record Entry(string Id, string Title, string Link, DateTimeOffset Updated, DateTimeOffset Published, string Summary);

    private static async Task<IResult> RenderAsync(string lang, HttpContext http, IConfiguration config, ProfileStore profiles, PublishedAdvisories published, IStringLocalizer l, CancellationToken ct)
    {
        var baseUrl = PublicSiteModule.BaseUrl(http, config);
        var profile = await profiles.GetAsync(ct);
        var team = profile.Organization.ShortName.For(lang);
        var entries = new List<Entry>();
        foreach (var a in (await published.AllAsync(ct)).Where(a => a.IsPublic))
        {
            var link = $"{baseUrl}/{lang}/advisories/{Uri.EscapeDataString(a.Number)}";
            foreach (var r in a.Revisions)
            {
                var title = r.Content.Title.For(lang);
                var label = r.Number == 1 ? l.In(lang, "AdvisoryFeedNew") : l.In(lang, "AdvisoryFeedUpdated", r.Number);
                entries.Add(new Entry($"{baseUrl}/advisories/{a.Number}/revisions/{r.Number}", $"[{a.Number}] {label}: {title}", link, r.PublishedAt, r.PublishedAt,
                    r.Content.Summary.For(lang) + "\n\n" + l.In(lang, "AdvisoryFeedRevisionSummary", AdvisoryOperations.RevisionSummary(r.Summary, l, lang))));
            }
        }
        var documentUpdated = new DateTimeOffset(profile.Document.LastUpdated.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        entries.Add(new Entry($"{baseUrl}/description/{profile.Document.LastUpdated:yyyy-MM-dd}",
            l.In(lang, "AdvisoryFeedDescriptionUpdated", team),
            $"{baseUrl}/{lang}/", documentUpdated, documentUpdated, profile.Document.UpdatesAnnounced.For(lang)));
        entries = [.. entries.OrderByDescending(e => e.Updated)];

        var buffer = new StringBuilder();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            const string atom = "http://www.w3.org/2005/Atom";
            w.WriteStartElement("feed", atom);
            w.WriteAttributeString("xml", "lang", null, lang);
            w.WriteElementString("id", atom, $"{baseUrl}/{lang}/feed.atom");
            w.WriteElementString("title", atom, l.In(lang, "AdvisoryFeedTitle", team));
            w.WriteElementString("updated", atom, Date(entries.Count > 0 ? entries[0].Updated : documentUpdated));
            Link(w, atom, "self", lang == "ja" && http.Request.Path == "/feed.atom" ? $"{baseUrl}/feed.atom" : $"{baseUrl}/{lang}/feed.atom");
            Link(w, atom, "alternate", $"{baseUrl}/{lang}/advisories");
            w.WriteStartElement("author", atom);
            w.WriteElementString("name", atom, profile.Organization.EnglishName);
            w.WriteEndElement();
            foreach (var e in entries)
            {
                w.WriteStartElement("entry", atom);
                w.WriteElementString("id", atom, e.Id);
                w.WriteElementString("title", atom, XmlSafe(e.Title));
                Link(w, atom, "alternate", e.Link);
                w.WriteElementString("published", atom, Date(e.Published));
                w.WriteElementString("updated", atom, Date(e.Updated));
                w.WriteStartElement("summary", atom);
                w.WriteAttributeString("type", "text");
                w.WriteString(XmlSafe(e.Summary));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + buffer, "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter w, string ns, string rel, string href)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>Typed text may hold characters XML cannot carry (control characters): they are left out.</summary>
    public static string XmlSafe(string s)
    {
        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (XmlConvert.IsXmlChar(s[i]))
            {
                b.Append(s[i]);
            }
            else if (i + 1 < s.Length && XmlConvert.IsXmlSurrogatePair(s[i + 1], s[i]))
            {
                b.Append(s, i, 2);
                i++;
            }
        }
        return b.ToString();
    }

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
