namespace SirtDesk.Standards.Osv;

/// <summary>
/// Maps a purl to the OSV ecosystem and package name it is published under (the purl-type table in the OSV
/// schema's "affected[].package" section), and normalises names so both sides meet on one key.
/// </summary>
public static class OsvEcosystems
{
    /// <summary>The OSV (ecosystem, name) of a purl, or null when the purl type has no OSV ecosystem here.</summary>
    public static (string Ecosystem, string Name)? FromPurl(Purl.Purl purl)
    {
        ArgumentNullException.ThrowIfNull(purl);
        string Joined(char separator) => purl.Namespace is null ? purl.Name : purl.Namespace + separator + purl.Name;
        return purl.Type switch
        {
            "npm" => ("npm", Joined('/')),
            "pypi" => ("PyPI", purl.Name),
            "maven" => ("Maven", Joined(':')),
            "nuget" => ("NuGet", purl.Name),
            "golang" => ("Go", Joined('/')),
            "cargo" => ("crates.io", purl.Name),
            "gem" => ("RubyGems", purl.Name),
            "composer" => ("Packagist", Joined('/')),
            "hex" => ("Hex", purl.Name),
            "pub" => ("Pub", purl.Name),
            "swift" => ("SwiftURL", Joined('/')),
            "hackage" => ("Hackage", purl.Name),
            "cran" => ("CRAN", purl.Name),
            "conan" => ("ConanCenter", purl.Name),
            "bitnami" => ("Bitnami", purl.Name),
            _ => null,
        };
    }

    /// <summary>The ecosystem without its <c>:suffix</c> (<c>Debian:12</c> → <c>Debian</c>).</summary>
    public static string BaseEcosystem(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? ecosystem[..colon] : ecosystem;
    }

    /// <summary>
    /// The index key of a package: base ecosystem and the name as the ecosystem compares names (PyPI per PEP 503,
    /// case-insensitive registries lower-cased, the rest as written).
    /// </summary>
    public static string Key(string ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var eco = BaseEcosystem(ecosystem);
        var normalised = eco switch
        {
            "PyPI" => Pep503(name),
            "npm" or "NuGet" or "Packagist" or "Hex" or "Pub" or "crates.io" => name.ToLowerInvariant(),
            _ => name,
        };
        return eco + "\0" + normalised;
    }

    /// <summary>PEP 503 name normalisation: lower case, every run of <c>-</c>, <c>_</c>, <c>.</c> becomes one <c>-</c>.</summary>
    public static string Pep503(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new System.Text.StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun)
                {
                    sb.Append('-');
                }
                inRun = true;
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
                inRun = false;
            }
        }
        return sb.ToString();
    }
}
