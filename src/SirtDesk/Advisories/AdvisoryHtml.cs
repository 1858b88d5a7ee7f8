using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using SirtDesk.PublicSite;
using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;
using SirtDesk.Web;

namespace SirtDesk.Advisories;

/// <summary>A standalone HTML page of an advisory in one language (for <c>advisory export --format html</c>); every typed text is encoded, every label comes from the resources.</summary>
public static class AdvisoryHtml
{
    public static string Render(Advisory advisory, AdvisoryContent c, IReadOnlyList<AdvisoryRevision> revisions, TeamProfile profile, string lang, string baseUrl, IStringLocalizer l)
    {
        string T(string key) => l.In(lang, key);
        var h = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var b = new StringBuilder();
        string E(string s) => h.Encode(s);
        void Section(string id, string title, string text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                b.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(title)).Append("</h2><p>")
                    .Append(E(text.Trim()).Replace("&#xA;", "<br>", StringComparison.Ordinal)).Append("</p></section>\n");
            }
        }
        b.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(E(advisory.Number)).Append(' ').Append(E(c.Title.For(lang))).Append(" · ").Append(E(profile.Organization.ShortName.For(lang)))
            .Append("</title></head>\n<body>\n<h1>").Append(E(c.Title.For(lang))).Append("</h1>\n<dl>\n");
        void Fact(string name, string value) => b.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        Fact(T("AdvisoryId"), advisory.Number);
        Fact("TLP", c.Tlp);
        if (revisions.Count > 0)
        {
            Fact(T("AdvisoryInitialRelease"), revisions[0].PublishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Fact(T("AdvisoryLastUpdated"), revisions[^1].PublishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            Fact(T("Status"), T("AdvisoryStatus_" + advisory.StatusWord));
        }
        if (CvssVector.Parse(c.CvssVector ?? "") is { IsValid: true } p)
        {
            var s = p.Vector.Score();
            Fact("CVSS", $"{s.Base} {T("CvssSeverity_" + CvssJson.SeverityName(s.SeverityOf(s.Base)).ToLowerInvariant())} ({p.Vector})");
        }
        if (c.CweId is { } cwe)
        {
            Fact("CWE", Cwe.TryGetName(cwe, out var name) ? $"{cwe}: {name}" : cwe);
        }
        if (c.CveIds.Count > 0)
        {
            Fact("CVE", string.Join(", ", c.CveIds));
        }
        b.Append("</dl>\n");
        Section("summary", T("AdvisorySummary"), c.Summary.For(lang));
        if (c.Products.Count > 0)
        {
            b.Append("<section id=\"products\"><h2>").Append(E(T("AdvisoryProductsAffected"))).Append("</h2><table><tr><th>")
                .Append(E(T("AdvisoryVendor"))).Append("</th><th>").Append(E(T("AdvisoryProduct"))).Append("</th><th>")
                .Append(E(T("AdvisoryAffectedVersions"))).Append("</th><th>").Append(E(T("AdvisoryFixedVersion"))).Append("</th></tr>\n");
            foreach (var pr in c.Products)
            {
                b.Append("<tr><td>").Append(E(pr.Vendor)).Append("</td><td>").Append(E(pr.Name)).Append("</td><td>").Append(E(pr.AffectedVersions))
                    .Append("</td><td>").Append(E(pr.FixedVersion ?? "-")).Append("</td></tr>\n");
            }
            b.Append("</table></section>\n");
        }
        Section("details", T("AdvisoryDetails"), c.Details.For(lang));
        Section("impact", T("AdvisoryImpact"), c.Impact.For(lang));
        Section("workarounds", T("AdvisoryWorkarounds"), c.Workarounds.For(lang));
        if (c.Acknowledgements.Count > 0)
        {
            b.Append("<section id=\"acknowledgements\"><h2>").Append(E(T("AdvisoryAcknowledgements"))).Append("</h2><ul>");
            foreach (var a in c.Acknowledgements)
            {
                b.Append("<li>").Append(E(a.Organization is null ? a.Name : $"{a.Name} ({a.Organization})")).Append("</li>");
            }
            b.Append("</ul></section>\n");
        }
        if (c.References.Count > 0)
        {
            b.Append("<section id=\"references\"><h2>").Append(E(T("AdvisoryReferences"))).Append("</h2><ul>");
            foreach (var r in c.References)
            {
                b.Append("<li><a href=\"").Append(E(r)).Append("\">").Append(E(r)).Append("</a></li>");
            }
            b.Append("</ul></section>\n");
        }
        if (revisions.Count > 0)
        {
            b.Append("<section id=\"revisions\"><h2>").Append(E(T("AdvisoryRevisions"))).Append("</h2><table>\n");
            foreach (var r in revisions)
            {
                b.Append("<tr><td>").Append(r.Number).Append("</td><td>").Append(r.PublishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(E(AdvisoryOperations.RevisionSummary(r.Summary, l, lang))).Append("</td></tr>\n");
            }
            b.Append("</table></section>\n");
        }
        b.Append("<p><a href=\"").Append(E($"{baseUrl.TrimEnd('/')}/{lang}/advisories/{advisory.Number}")).Append("\">")
            .Append(E($"{baseUrl.TrimEnd('/')}/{lang}/advisories/{advisory.Number}")).Append("</a></p>\n</body>\n</html>\n");
        return b.ToString();
    }
}
