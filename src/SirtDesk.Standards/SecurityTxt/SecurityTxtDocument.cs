using System.Globalization;
using System.Text;

namespace SirtDesk.Standards.SecurityTxt;

/// <summary>The fields of an RFC 9116 security.txt file, in the order they are written.</summary>
public sealed record SecurityTxtDocument(
    IReadOnlyList<Uri> Contacts,
    DateTimeOffset Expires,
    IReadOnlyList<string> PreferredLanguages,
    IReadOnlyList<Uri> Canonical,
    IReadOnlyList<Uri> Policy,
    IReadOnlyList<Uri> Encryption,
    IReadOnlyList<Uri> Acknowledgments,
    IReadOnlyList<Uri> Hiring)
{
    /// <summary>CSAF 2.0 §7.1.8: URLs of provider-metadata.json (the well-known one first).</summary>
    public IReadOnlyList<Uri> Csaf { get; init; } = [];

    /// <summary>Renders the file: one "Field: value" line per value, CRLF line ends as RFC 9116 section 4 allows and as signing needs.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var c in Contacts)
        {
            Line(sb, "Contact", c.AbsoluteUri);
        }
        Line(sb, "Expires", Expires.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var u in Encryption)
        {
            Line(sb, "Encryption", u.AbsoluteUri);
        }
        foreach (var u in Acknowledgments)
        {
            Line(sb, "Acknowledgments", u.AbsoluteUri);
        }
        if (PreferredLanguages.Count > 0)
        {
            Line(sb, "Preferred-Languages", string.Join(", ", PreferredLanguages));
        }
        foreach (var u in Canonical)
        {
            Line(sb, "Canonical", u.AbsoluteUri);
        }
        foreach (var u in Policy)
        {
            Line(sb, "Policy", u.AbsoluteUri);
        }
        foreach (var u in Hiring)
        {
            Line(sb, "Hiring", u.AbsoluteUri);
        }
        foreach (var u in Csaf)
        {
            Line(sb, "CSAF", u.AbsoluteUri);
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string field, string value) => sb.Append(field).Append(": ").Append(value).Append("\r\n");

    /// <summary>
    /// The fields of a file that may be OpenPGP clear-signed (RFC 9116 §2.3, RFC 4880 §7): the signed text with
    /// its dash-escaping undone and the armour headers and signature removed; unsigned text is returned as is.
    /// </summary>
    public static string Cleartext(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "-----BEGIN PGP SIGNED MESSAGE-----")
        {
            return text;
        }
        var i = 1;
        while (i < lines.Length && lines[i].Length > 0)
        {
            i++; // armour headers such as "Hash: SHA256", up to the empty line
        }
        var body = new List<string>();
        for (i++; i < lines.Length && lines[i].TrimEnd() != "-----BEGIN PGP SIGNATURE-----"; i++)
        {
            body.Add(lines[i].StartsWith("- ", StringComparison.Ordinal) ? lines[i][2..] : lines[i]);
        }
        return string.Join("\n", body);
    }

    /// <summary>
    /// Checks a security.txt text against the rules of RFC 9116 section 2.5 and 3: Contact at least once,
    /// Expires exactly once and in the future, Preferred-Languages at most once, web URIs over https.
    /// Returns the problems found; an empty list means the file is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(string text, DateTimeOffset now)
    {
        text = Cleartext(text);
        var problems = new List<string>();
        var fields = new List<(string Name, string Value)>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon + 1 >= line.Length || line[colon + 1] != ' ')
            {
                problems.Add($"line is not 'Field: value': {line}");
                continue;
            }
            fields.Add((line[..colon], line[(colon + 2)..]));
        }

        var contacts = fields.Where(f => f.Name.Equals("Contact", StringComparison.OrdinalIgnoreCase)).ToList();
        if (contacts.Count == 0)
        {
            problems.Add("Contact is required");
        }
        foreach (var (_, value) in contacts)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                problems.Add($"Contact is not a URI: {value}");
            }
            else if (uri.Scheme is "http")
            {
                problems.Add($"Contact web URI must use https: {value}");
            }
        }

        var expires = fields.Where(f => f.Name.Equals("Expires", StringComparison.OrdinalIgnoreCase)).ToList();
        if (expires.Count != 1)
        {
            problems.Add("Expires must appear exactly once");
        }
        else if (!DateTimeOffset.TryParseExact(expires[0].Value, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            problems.Add($"Expires is not an RFC 3339 date-time: {expires[0].Value}");
        }
        else if (at <= now)
        {
            problems.Add("Expires is in the past");
        }

        if (fields.Count(f => f.Name.Equals("Preferred-Languages", StringComparison.OrdinalIgnoreCase)) > 1)
        {
            problems.Add("Preferred-Languages must not appear more than once");
        }
        foreach (var (name, value) in fields.Where(f => f.Name is "Canonical" or "Policy" or "Encryption" or "Acknowledgments" or "Hiring"))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                problems.Add($"{name} is not a URI: {value}");
            }
            else if (uri.Scheme is "http")
            {
                problems.Add($"{name} web URI must use https: {value}");
            }
        }
        return problems;
    }
}
