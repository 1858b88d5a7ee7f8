namespace SirtDesk.Web;

/// <summary>
/// The verb and the options every verb shares. The rest of the arguments go to the host's configuration
/// (so <c>--urls</c> and <c>--Section:Key=value</c> work as in any ASP.NET Core app).
/// </summary>
public sealed record CommandLine(string Verb, IReadOnlyList<string> VerbArgs, string[] HostArgs, string? DataDir)
{
    private static readonly HashSet<string> Verbs = ["serve", "migrate", "admin", "token", "profile", "cvss", "calendar", "keys", "mailgate", "csaf", "sbom", "osv"];

    public static CommandLine Parse(string[] args)
    {
        var verb = "serve";
        var rest = new List<string>(args);
        if (rest.Count > 0 && Verbs.Contains(rest[0]))
        {
            verb = rest[0];
            rest.RemoveAt(0);
        }

        string? dataDir = null;
        var host = new List<string>();
        var verbArgs = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            var a = rest[i];
            if (a == "--data-dir" && i + 1 < rest.Count)
            {
                dataDir = rest[++i];
            }
            else if (a.StartsWith("--data-dir=", StringComparison.Ordinal))
            {
                dataDir = a["--data-dir=".Length..];
            }
            else if (a == "--urls" && i + 1 < rest.Count)
            {
                host.Add(a);
                host.Add(rest[++i]);
            }
            else if (a.StartsWith("--", StringComparison.Ordinal) && (a.Contains('=', StringComparison.Ordinal) || a.Contains(':', StringComparison.Ordinal)))
            {
                host.Add(a);
            }
            else
            {
                verbArgs.Add(a);
            }
        }
        return new CommandLine(verb, verbArgs, [.. host], dataDir);
    }

    /// <summary>The value following <paramref name="option"/> among the verb's arguments.</summary>
    public string? Option(string option)
    {
        for (var i = 0; i < VerbArgs.Count - 1; i++)
        {
            if (VerbArgs[i] == option)
            {
                return VerbArgs[i + 1];
            }
        }
        return null;
    }
}
