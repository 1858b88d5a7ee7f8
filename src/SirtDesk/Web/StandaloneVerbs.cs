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
            default:
                return null;
        }
    }
}
