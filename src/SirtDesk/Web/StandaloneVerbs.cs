using SirtDesk.Standards.Csaf;
using SirtDesk.Standards.Cvss;

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
            default:
                return null;
        }
    }
}
