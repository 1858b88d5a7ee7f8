using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;
using SirtDesk.Standards.Sbom;

namespace SirtDesk.Web;

/// <summary>
/// Verbs that need neither the database nor the host: they run before anything is built, so they work on a
/// missing data directory and start fast enough for pipelines.
/// </summary>
public static class StandaloneVerbs
{
    public static int? TryRun(CommandLine cli)
    {
        switch (cli.Verb)
        {
            case "cvss":
                if (cli.VerbArgs.Count >= 1 && cli.VerbArgs[0] == "score")
                {
                    return cli.VerbArgs.Count >= 2
                        ? CvssScoreCommand.Explain(cli.VerbArgs[1], Console.Out)
                        : CvssScoreCommand.Run(Console.In, Console.Out);
                }
                Console.Error.WriteLine("usage: sirtdesk cvss score [VECTOR]   (vectors on stdin, one per line)");
                return Verbs.Usage;
            case "csaf":
                if (cli.VerbArgs.Count >= 2 && cli.VerbArgs[0] == "validate")
                {
                    return CsafValidateCommand.Run([.. cli.VerbArgs.Skip(1)], Console.Out);
                }
                Console.Error.WriteLine("usage: sirtdesk csaf validate FILE...   (strict CSAF 2.0 schema and the mandatory tests of section 6.1)");
                return Verbs.Usage;
            case "sbom" when cli.VerbArgs.Count >= 1 && cli.VerbArgs[0] == "match":
                return SbomMatch(cli);
            default:
                return null;
        }
    }

    /// <summary><c>sirtdesk sbom match --sbom FILE --osv PATH</c>: offline matching, see <see cref="SbomMatchCommand"/>.</summary>
    private static int SbomMatch(CommandLine cli)
    {
        var sbom = cli.Option("--sbom");
        var osv = cli.Option("--osv");
        var known = new HashSet<string>(StringComparer.Ordinal) { "match", "--sbom", "--osv" };
        var stray = cli.VerbArgs.Where((a, i) => !known.Contains(a) && (i == 0 || (cli.VerbArgs[i - 1] != "--sbom" && cli.VerbArgs[i - 1] != "--osv")));
        if (sbom is null || osv is null || sbom.StartsWith("--", StringComparison.Ordinal) || osv.StartsWith("--", StringComparison.Ordinal) || stray.Any())
        {
            Console.Error.WriteLine("usage: sirtdesk sbom match --sbom FILE --osv PATH   (PATH: a folder of OSV JSON files or a zip of them)");
            return Verbs.Usage;
        }
        using var stdout = Console.OpenStandardOutput();
        return SbomMatchCommand.Run(sbom, osv, stdout, Console.Error);
    }
}
