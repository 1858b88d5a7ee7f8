using System.Globalization;
using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>
/// The mandatory tests of CSAF 2.0 section 6.1 (6.1.1 to 6.1.33, with the profile tests 6.1.27.1 to 6.1.27.11).
/// They read the document defensively: a value of the wrong type (already a schema error) is skipped, never thrown on.
/// </summary>
internal static partial class MandatoryTests
{
    internal const string SecurityIncidentResponse = "csaf_security_incident_response";
    internal const string InformationalAdvisory = "csaf_informational_advisory";
    internal const string SecurityAdvisory = "csaf_security_advisory";
    internal const string Vex = "csaf_vex";
    internal const string Base = "csaf_base";

    public static IReadOnlyList<CsafFailure> Run(JsonNode document)
    {
        var doc = new Doc(document);
        var failures = new List<CsafFailure>();
        void Fail(string test, string pointer, string message) => failures.Add(new CsafFailure(test, pointer, message));

        ProductIds(doc, Fail);
        CircularRelationships(doc, Fail);
        GroupIds(doc, Fail);
        ContradictingStatus(doc, Fail);
        MultipleScores(doc, Fail);
        CvssChecks(doc, Fail);
        CweChecks(doc, Fail);
        Languages(doc, Fail);
        Purls(doc, Fail);
        Tracking(doc, Fail);
        MultipleCve(doc, Fail);
        Involvements(doc, Fail);
        HashAlgorithms(doc, Fail);
        CategoryName(doc, Fail);
        Profiles(doc, Fail);
        Remediations(doc, Fail);
        VersionRanges(doc, Fail);
        Flags(doc, Fail);
        // Stable: within one test the failures stay in document order.
        return [.. failures.OrderBy(f => f.Test, Comparer<string>.Create(CompareTests))];
    }

    private static int CompareTests(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = int.Parse(x[i], CultureInfo.InvariantCulture).CompareTo(int.Parse(y[i], CultureInfo.InvariantCulture));
            if (c != 0)
            {
                return c;
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    // 6.1.1 missing definition of product id, 6.1.2 multiple definition of product id.
    private static void ProductIds(Doc doc, Action<string, string, string> fail)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, pointer) in doc.ProductDefinitions())
        {
            if (!defined.Add(id))
            {
                fail("6.1.2", pointer, $"product id {id} is defined more than once");
            }
        }
        foreach (var (id, pointer) in doc.ProductReferences())
        {
            if (!defined.Contains(id))
            {
                fail("6.1.1", pointer, $"product id {id} is not defined in the product tree");
            }
        }
    }

    // 6.1.3 circular definition of product id: a relationship must not define a product in terms of itself.
    private static void CircularRelationships(Doc doc, Action<string, string, string> fail)
    {
        var relationships = Doc.Items(doc.Root.P("product_tree").P("relationships")).ToList();
        var refs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (rel, _) in relationships)
        {
            if (Doc.Str(rel["full_product_name"].P("product_id")) is { } id)
            {
                var list = refs.TryGetValue(id, out var l) ? l : refs[id] = [];
                list.AddRange(new[] { Doc.Str(rel["product_reference"]), Doc.Str(rel["relates_to_product_reference"]) }.OfType<string>());
            }
        }
        foreach (var (rel, i) in relationships)
        {
            if (Doc.Str(rel["full_product_name"].P("product_id")) is not { } id)
            {
                continue;
            }
            foreach (var key in new[] { "product_reference", "relates_to_product_reference" })
            {
                if (Doc.Str(rel[key]) is { } start && Reaches(start, id, refs))
                {
                    fail("6.1.3", $"/product_tree/relationships/{i}/{key}", $"product id {id} is defined through itself");
                    break;
                }
            }
        }
    }

    private static bool Reaches(string from, string target, Dictionary<string, List<string>> refs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id == target)
            {
                return true;
            }
            if (seen.Add(id) && refs.TryGetValue(id, out var next))
            {
                foreach (var n in next)
                {
                    stack.Push(n);
                }
            }
        }
        return false;
    }

    // 6.1.4 missing definition of product group id, 6.1.5 multiple definition of product group id.
    private static void GroupIds(Doc doc, Action<string, string, string> fail)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (group, i) in Doc.Items(doc.Root.P("product_tree").P("product_groups")))
        {
            if (Doc.Str(group["group_id"]) is { } id && !defined.Add(id))
            {
                fail("6.1.5", $"/product_tree/product_groups/{i}/group_id", $"group id {id} is defined more than once");
            }
        }
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            foreach (var part in new[] { "remediations", "threats", "flags" })
            {
                foreach (var (item, j) in Doc.Items(vuln[part]))
                {
                    foreach (var (id, k) in Doc.Strings(item["group_ids"]))
                    {
                        if (!defined.Contains(id))
                        {
                            fail("6.1.4", $"/vulnerabilities/{v}/{part}/{j}/group_ids/{k}", $"group id {id} is not defined in the product tree");
                        }
                    }
                }
            }
        }
    }

    private static readonly (string List, string Group)[] StatusGroups =
    [
        ("first_affected", "affected"), ("known_affected", "affected"), ("last_affected", "affected"),
        ("known_not_affected", "not affected"), ("first_fixed", "fixed"), ("fixed", "fixed"),
        ("under_investigation", "under investigation"),
    ];

    // 6.1.6 contradicting product status.
    private static void ContradictingStatus(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            var status = vuln["product_status"];
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (list, group) in StatusGroups)
            {
                foreach (var (id, k) in Doc.Strings(status.P(list)))
                {
                    if (!groupOf.TryAdd(id, group) && groupOf[id] != group)
                    {
                        fail("6.1.6", $"/vulnerabilities/{v}/product_status/{list}/{k}", $"product {id} is both {groupOf[id]} and {group}");
                    }
                }
            }
        }
    }

    // 6.1.7 multiple scores with the same CVSS version per product.
    private static void MultipleScores(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            var seen = new HashSet<(string, string)>();
            foreach (var (score, j) in Doc.Items(vuln["scores"]))
            {
                var versions = new[] { score["cvss_v2"], score["cvss_v3"] }.Select(c => Doc.Str(c.P("version"))).OfType<string>().ToList();
                foreach (var (id, k) in Doc.Strings(score["products"]))
                {
                    foreach (var version in versions)
                    {
                        if (!seen.Add((id, version)))
                        {
                            fail("6.1.7", $"/vulnerabilities/{v}/scores/{j}/products/{k}", $"product {id} has more than one CVSS {version} score");
                        }
                    }
                }
            }
        }
    }

    // 6.1.11 CWE: the id exists in the catalogue and the name is its name.
    private static void CweChecks(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            if (vuln["cwe"] is not JsonObject cwe || Doc.Str(cwe["id"]) is not { } id)
            {
                continue;
            }
            if (!Cwe.TryGetName(id, out var name))
            {
                fail("6.1.11", $"/vulnerabilities/{v}/cwe/id", $"{id} is not a weakness of CWE {Cwe.Version}");
            }
            else if (Doc.Str(cwe["name"]) is { } given && given != name)
            {
                fail("6.1.11", $"/vulnerabilities/{v}/cwe/name", $"the name of {id} is \"{name}\"");
            }
        }
    }

    // 6.1.15 translator, 6.1.28 translation.
    private static void Languages(Doc doc, Action<string, string, string> fail)
    {
        var document = doc.Root.P("document");
        var lang = Doc.Str(document.P("lang"));
        var sourceLang = Doc.Str(document.P("source_lang"));
        foreach (var (key, value) in new[] { ("lang", lang), ("source_lang", sourceLang) })
        {
            if (value is not null && LanguageTag.Check(value) is { } problem)
            {
                fail("6.1.12", $"/document/{key}", problem);
            }
        }
        if (Doc.Str(document.P("publisher").P("category")) == "translator" && sourceLang is null)
        {
            fail("6.1.15", "/document/source_lang", "a translator's document must name its source language");
        }
        if (lang is not null && sourceLang is not null && string.Equals(lang, sourceLang, StringComparison.OrdinalIgnoreCase))
        {
            fail("6.1.28", "/document/lang", "the document language is the same as the source language");
        }
    }

    // 6.1.13 PURL: the one purl parser of src/SirtDesk.Standards/Purl decides, so CSAF and the inventory agree.
    private static void Purls(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (product, pointer) in doc.FullProductNames())
        {
            if (Doc.Str(product["product_identification_helper"].P("purl")) is { } purl
                && !Standards.Purl.Purl.TryParse(purl, out _, out var problem))
            {
                fail("6.1.13", $"{pointer}/product_identification_helper/purl", problem);
            }
        }
    }

    // 6.1.23 multiple use of the same CVE.
    private static void MultipleCve(Doc doc, Action<string, string, string> fail)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            if (Doc.Str(vuln["cve"]) is { } cve && !seen.Add(cve))
            {
                fail("6.1.23", $"/vulnerabilities/{v}/cve", $"{cve} is used in more than one vulnerability");
            }
        }
    }

    // 6.1.24 multiple definition in involvements (same party at the same date).
    private static void Involvements(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            var seen = new HashSet<(string, DateTimeOffset?)>();
            foreach (var (item, j) in Doc.Items(vuln["involvements"]))
            {
                if (Doc.Str(item["party"]) is { } party && !seen.Add((party, Doc.Date(item["date"]))))
                {
                    fail("6.1.24", $"/vulnerabilities/{v}/involvements/{j}", $"the {party} involvement at this date is listed more than once");
                }
            }
        }
    }

    // 6.1.25 multiple use of the same hash algorithm within one file_hashes list.
    private static void HashAlgorithms(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (product, pointer) in doc.FullProductNames())
        {
            foreach (var (hash, h) in Doc.Items(product["product_identification_helper"].P("hashes")))
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (fileHash, f) in Doc.Items(hash["file_hashes"]))
                {
                    if (Doc.Str(fileHash["algorithm"]) is { } algorithm && !seen.Add(algorithm))
                    {
                        fail("6.1.25", $"{pointer}/product_identification_helper/hashes/{h}/file_hashes/{f}/algorithm", $"{algorithm} is given more than once for this file");
                    }
                }
            }
        }
    }

    private static readonly string[] ProfileValues = [Base, SecurityIncidentResponse, InformationalAdvisory, SecurityAdvisory, Vex];

    private static readonly string[] ReservedNames =
    [
        "securityincidentresponse", "informationaladvisory", "securityadvisory", "vex",
        "csafsecurityincidentresponse", "csafinformationaladvisory", "csafsecurityadvisory", "csafvex",
    ];

    // 6.1.26 prohibited document category name.
    private static void CategoryName(Doc doc, Action<string, string, string> fail)
    {
        if (Doc.Str(doc.Root.P("document").P("category")) is not { } category || ProfileValues.Contains(category, StringComparer.Ordinal))
        {
            return;
        }
        if (category.StartsWith("csaf_", StringComparison.OrdinalIgnoreCase))
        {
            fail("6.1.26", "/document/category", "the prefix csaf_ is reserved for the CSAF profiles");
            return;
        }
        var stripped = new string([.. category.Where(c => c != '-' && c != '_' && !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);
        if (ReservedNames.Contains(stripped, StringComparer.Ordinal))
        {
            fail("6.1.26", "/document/category", "the category is the name of another CSAF profile");
        }
    }

    // 6.1.29 remediation without product reference.
    private static void Remediations(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            foreach (var (item, j) in Doc.Items(vuln["remediations"]))
            {
                if (item["product_ids"] is null && item["group_ids"] is null)
                {
                    fail("6.1.29", $"/vulnerabilities/{v}/remediations/{j}", "the remediation names no product_ids or group_ids");
                }
            }
        }
    }

    private static readonly string[] RangeWords = ["<", "<=", ">", ">=", "after", "all", "before", "earlier", "later", "prior", "versions"];

    // 6.1.31 version range in product version.
    private static void VersionRanges(Doc doc, Action<string, string, string> fail)
    {
        foreach (var (branch, pointer) in doc.Branches())
        {
            if (Doc.Str(branch["category"]) == "product_version" && Doc.Str(branch["name"]) is { } name && RangeWord(name) is { } word)
            {
                fail("6.1.31", $"{pointer}/name", $"a product_version name must be one version, not a range (\"{word}\"); use product_version_range");
            }
        }
    }

    /// <summary>The range word in a version name: the symbols anywhere, the words as whole words (case-insensitive).</summary>
    private static string? RangeWord(string name)
    {
        var lower = name.ToLowerInvariant();
        foreach (var symbol in new[] { "<=", ">=", "<", ">" })
        {
            if (lower.Contains(symbol, StringComparison.Ordinal))
            {
                return symbol;
            }
        }
        var words = lower.Split((char[])[.. lower.Where(c => !char.IsLetterOrDigit(c)).Distinct()], StringSplitOptions.RemoveEmptyEntries);
        return words.FirstOrDefault(w => RangeWords.Contains(w, StringComparer.Ordinal));
    }

    // 6.1.32 flag without product reference, 6.1.33 multiple flags with VEX justification codes per product.
    private static void Flags(Doc doc, Action<string, string, string> fail)
    {
        var groups = doc.Groups();
        foreach (var (vuln, v) in doc.Vulnerabilities)
        {
            var flagged = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (flag, j) in Doc.Items(vuln["flags"]))
            {
                if (flag["product_ids"] is null && flag["group_ids"] is null)
                {
                    fail("6.1.32", $"/vulnerabilities/{v}/flags/{j}", "the flag names no product_ids or group_ids");
                }
                var products = Doc.Expand(flag, groups);
                var repeated = products.Where(p => flagged.Contains(p)).ToList();
                if (repeated.Count > 0)
                {
                    fail("6.1.33", $"/vulnerabilities/{v}/flags/{j}", $"product {repeated[0]} already has a VEX justification flag in this vulnerability");
                }
                flagged.UnionWith(products);
            }
        }
    }
}
