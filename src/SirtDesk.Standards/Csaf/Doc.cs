using System.Globalization;
using System.Text.Json.Nodes;

namespace SirtDesk.Standards.Csaf;

/// <summary>Typed, throw-free access to the parts of a CSAF document the mandatory tests read, with JSON Pointers.</summary>
internal sealed class Doc(JsonNode root)
{
    private static readonly string[] StatusLists =
        ["first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation"];

    public JsonNode Root { get; } = root;

    public IEnumerable<(JsonObject Item, int Index)> Vulnerabilities => Items(Root.P("vulnerabilities"));

    public string? Category => Str(Root.P("document").P("category"));

    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static DateTimeOffset? Date(JsonNode? node) =>
        Str(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>The objects of an array with their indexes (anything else in the array is skipped).</summary>
    public static IEnumerable<(JsonObject Item, int Index)> Items(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                yield return (item, i);
            }
        }
    }

    /// <summary>The strings of an array with their indexes.</summary>
    public static IEnumerable<(string Value, int Index)> Strings(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
        {
            if (Str(array[i]) is { } s)
            {
                yield return (s, i);
            }
        }
    }

    /// <summary>Every branch of the product tree in document order (depth first), with its pointer.</summary>
    public List<(JsonObject Branch, string Pointer)> Branches()
    {
        var found = new List<(JsonObject, string)>();
        AddBranches(Root.P("product_tree").P("branches"), "/product_tree/branches", found);
        return found;
    }

    private static void AddBranches(JsonNode? branches, string pointer, List<(JsonObject, string)> found)
    {
        foreach (var (branch, i) in Items(branches))
        {
            found.Add((branch, $"{pointer}/{i}"));
            AddBranches(branch["branches"], $"{pointer}/{i}/branches", found);
        }
    }

    /// <summary>Every full product name (branch products, full_product_names, relationships) with its pointer.</summary>
    public IEnumerable<(JsonObject Product, string Pointer)> FullProductNames()
    {
        foreach (var (branch, pointer) in Branches())
        {
            if (branch["product"] is JsonObject product)
            {
                yield return (product, $"{pointer}/product");
            }
        }
        foreach (var (product, i) in Items(Root.P("product_tree").P("full_product_names")))
        {
            yield return (product, $"/product_tree/full_product_names/{i}");
        }
        foreach (var (rel, i) in Items(Root.P("product_tree").P("relationships")))
        {
            if (rel["full_product_name"] is JsonObject product)
            {
                yield return (product, $"/product_tree/relationships/{i}/full_product_name");
            }
        }
    }

    /// <summary>Where product ids are defined (6.1.2).</summary>
    public IEnumerable<(string Id, string Pointer)> ProductDefinitions() =>
        FullProductNames().Select(p => (Id: Str(p.Product["product_id"]), Pointer: $"{p.Pointer}/product_id"))
            .Where(p => p.Id is not null).Select(p => (p.Id!, p.Pointer));

    /// <summary>Where product ids are referenced (6.1.1).</summary>
    public IEnumerable<(string Id, string Pointer)> ProductReferences()
    {
        var tree = Root.P("product_tree");
        foreach (var (group, g) in Items(tree.P("product_groups")))
        {
            foreach (var (id, k) in Strings(group["product_ids"]))
            {
                yield return (id, $"/product_tree/product_groups/{g}/product_ids/{k}");
            }
        }
        foreach (var (rel, r) in Items(tree.P("relationships")))
        {
            foreach (var key in new[] { "product_reference", "relates_to_product_reference" })
            {
                if (Str(rel[key]) is { } id)
                {
                    yield return (id, $"/product_tree/relationships/{r}/{key}");
                }
            }
        }
        foreach (var (vuln, v) in Vulnerabilities)
        {
            foreach (var list in StatusLists)
            {
                foreach (var (id, k) in Strings(vuln["product_status"].P(list)))
                {
                    yield return (id, $"/vulnerabilities/{v}/product_status/{list}/{k}");
                }
            }
            foreach (var (part, key) in new[] { ("remediations", "product_ids"), ("scores", "products"), ("threats", "product_ids"), ("flags", "product_ids") })
            {
                foreach (var (item, j) in Items(vuln[part]))
                {
                    foreach (var (id, k) in Strings(item[key]))
                    {
                        yield return (id, $"/vulnerabilities/{v}/{part}/{j}/{key}/{k}");
                    }
                }
            }
        }
    }

    /// <summary>The product ids of each product group.</summary>
    public Dictionary<string, List<string>> Groups()
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (group, _) in Items(Root.P("product_tree").P("product_groups")))
        {
            if (Str(group["group_id"]) is { } id)
            {
                var list = groups.TryGetValue(id, out var l) ? l : groups[id] = [];
                list.AddRange(Strings(group["product_ids"]).Select(p => p.Value));
            }
        }
        return groups;
    }

    /// <summary>The products an item names directly (product_ids) and through its group_ids.</summary>
    public static HashSet<string> Expand(JsonObject item, Dictionary<string, List<string>> groups)
    {
        var products = new HashSet<string>(Strings(item["product_ids"]).Select(p => p.Value), StringComparer.Ordinal);
        foreach (var (group, _) in Strings(item["group_ids"]))
        {
            if (groups.TryGetValue(group, out var members))
            {
                products.UnionWith(members);
            }
        }
        return products;
    }
}

/// <summary>Property access that yields null instead of throwing when the node is not an object.</summary>
internal static class JsonNodeAccess
{
    public static JsonNode? P(this JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;
}
