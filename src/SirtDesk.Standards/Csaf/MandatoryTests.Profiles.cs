using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

internal static partial class MandatoryTests
{
    private static readonly string[] VexStatusLists = ["fixed", "known_affected", "known_not_affected", "under_investigation"];

    private static readonly HashSet<string> DescriptiveNotes = ["description", "details", "general", "summary"];

    // 6.1.27.1 to 6.1.27.11: the extra content of the profiles (CSAF 2.0 section 4).
    private static void Profiles(Doc doc, Action<string, string, string> fail)
    {
        var category = doc.Category;
        var document = doc.Root.P("document");
        if (category is SecurityIncidentResponse or InformationalAdvisory)
        {
            if (!Doc.Items(document.P("notes")).Any(n => Doc.Str(n.Item["category"]) is { } c && DescriptiveNotes.Contains(c)))
            {
                fail("6.1.27.1", "/document/notes", "the profile needs a document note of category description, details, general or summary");
            }
            if (!Doc.Items(document.P("references")).Any(r => Doc.Str(r.Item["category"]) == "external"))
            {
                fail("6.1.27.2", "/document/references", "the profile needs a document reference of category external");
            }
        }
        if (category == InformationalAdvisory && doc.Root.P("vulnerabilities") is not null)
        {
            fail("6.1.27.3", "/vulnerabilities", "an informational advisory must not list vulnerabilities");
        }
        if (category is not (SecurityAdvisory or Vex))
        {
            return;
        }
        if (doc.Root.P("product_tree") is null)
        {
            fail("6.1.27.4", "/product_tree", "the profile needs a product_tree");
        }
        if (doc.Root.P("vulnerabilities") is null)
        {
            fail("6.1.27.11", "/vulnerabilities", "the profile needs vulnerabilities");
        }
        var groups = doc.Groups();
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            var pointer = $"/vulnerabilities/{v}";
            if (vuln["notes"] is null)
            {
                fail("6.1.27.5", $"{pointer}/notes", "the vulnerability needs notes");
            }
            if (category == SecurityAdvisory)
            {
                if (vuln["product_status"] is null)
                {
                    fail("6.1.27.6", $"{pointer}/product_status", "the vulnerability needs a product_status");
                }
                continue;
            }
            var status = vuln["product_status"];
            if (VexStatusLists.All(s => status.P(s) is null))
            {
                fail("6.1.27.7", $"{pointer}/product_status", "a VEX vulnerability needs fixed, known_affected, known_not_affected or under_investigation");
            }
            if (vuln["cve"] is null && vuln["ids"] is null)
            {
                fail("6.1.27.8", $"{pointer}/cve", "a VEX vulnerability needs a cve or ids");
            }
            var impact = Doc.Items(vuln["flags"]).Select(f => f.Item)
                .Concat(Doc.Items(vuln["threats"]).Where(t => Doc.Str(t.Item["category"]) == "impact").Select(t => t.Item))
                .SelectMany(i => Doc.Expand(i, groups)).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, k) in Doc.Strings(status.P("known_not_affected")))
            {
                if (!impact.Contains(id))
                {
                    fail("6.1.27.9", $"{pointer}/product_status/known_not_affected/{k}", $"product {id} is known not affected but has no impact statement (a flag or an impact threat)");
                }
            }
            var actions = Doc.Items(vuln["remediations"]).SelectMany(r => Doc.Expand(r.Item, groups)).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, k) in Doc.Strings(status.P("known_affected")))
            {
                if (!actions.Contains(id))
                {
                    fail("6.1.27.10", $"{pointer}/product_status/known_affected/{k}", $"product {id} is known affected but has no action statement (a remediation)");
                }
            }
        }
    }
}
