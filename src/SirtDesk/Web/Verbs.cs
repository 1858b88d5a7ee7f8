using Microsoft.EntityFrameworkCore;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Staff;

namespace SirtDesk.Web;

/// <summary>
/// The CLI verbs. Each prepares the database the same way the server does (so an empty data directory works)
/// and is safe to run beside a running server. Exit codes: 0 ok, 1 failed check, 64 usage, 65 bad input data.
/// </summary>
public static class Verbs
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 64;
    public const int DataError = 65;

    public static async Task<int> RunAsync(WebApplication app, CommandLine cli)
    {
        var sub = cli.VerbArgs.Count > 0 ? cli.VerbArgs[0] : null;
        try
        {
            return (cli.Verb, sub) switch
            {
                ("migrate", _) => await MigrateAsync(app),
                ("admin", "create") => await AdminCreateAsync(app, cli),
                ("token", "create") => await TokenCreateAsync(app, cli),
                ("profile", "import") => await ProfileImportAsync(app, cli),
                ("profile", "export") => await ProfileExportAsync(app),
                ("calendar", _) => await CalendarAsync(app, cli),
                ("keys", _) => await Mail.MailVerbs.KeysAsync(app, cli),
                ("mailgate", _) => await Mail.MailVerbs.MailgateAsync(app, cli),
                ("demo", _) => await Demo.DemoSeed.RunAsync(app, cli),
                ("advisory", "list") => await Advisories.AdvisoryVerbs.ListAsync(app),
                ("advisory", "export") => await Advisories.AdvisoryVerbs.ExportAsync(app, cli),
                ("osv", _) => await Components.ComponentVerbs.OsvAsync(app, cli),
                ("sbom", _) => await Components.ComponentVerbs.SbomAsync(app, cli),
                _ => UsageError(),
            };
        }
        catch (Exception e) when (WebModule.IsDatabaseUnavailable(e))
        {
            await Console.Error.WriteLineAsync($"sirtdesk: the database is unavailable ({e.GetType().Name}). Try again.");
            return 75;
        }
    }

    private static int UsageError()
    {
        Console.Error.WriteLine("""
            usage: sirtdesk [serve] [--urls URL] [--data-dir DIR]
                   sirtdesk migrate [--data-dir DIR]
                   sirtdesk admin create --email EMAIL        (password on stdin)
                   sirtdesk token create --user EMAIL --name NAME
                   sirtdesk profile import FILE
                   sirtdesk profile export
                   sirtdesk keys generate --team TEAM --uid "Name <address>" [--algorithm rsa4096|ed25519]
                   sirtdesk keys export --team TEAM
                   sirtdesk mailgate --team TEAM < message.eml
                   sirtdesk demo seed                          (an empty database only)
                   sirtdesk advisory list
                   sirtdesk advisory export --id ID --format csaf|cve|html [--lang ja|en]
                   sirtdesk osv import PATH                   (folder of OSV JSON files or a zip of them)
                   sirtdesk sbom import --product KEY --version VERSION FILE
            """);
        return Usage;
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<SirtDb>().Database.GetAppliedMigrationsAsync();
        Console.WriteLine($"Database is up to date ({applied.Count()} migrations applied).");
        return Ok;
    }

    private static async Task<int> AdminCreateAsync(WebApplication app, CommandLine cli)
    {
        var email = cli.Option("--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            return UsageError();
        }
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("sirtdesk: give the password on stdin.");
            return DataError;
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var teams = (await scope.ServiceProvider.GetRequiredService<ProfileStore>().GetAsync(CancellationToken.None)).Teams.Select(t => t.Key);
        var result = await accounts.CreateAsync(email.Trim(), password, Roles.Administrator, teams);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                await Console.Error.WriteLineAsync($"sirtdesk: {e.Description}");
            }
            return Failed;
        }
        await accounts.ConsumeSetupTokenAsync(CancellationToken.None);
        Console.WriteLine($"Administrator {email.Trim()} created. Two-factor enrolment happens at the first sign-in.");
        return Ok;
    }

    private static async Task<int> TokenCreateAsync(WebApplication app, CommandLine cli)
    {
        var email = cli.Option("--user");
        var name = cli.Option("--name");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
        {
            return UsageError();
        }
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateTokenAsync(email.Trim(), name, CancellationToken.None);
        if (token is null)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no user with e-mail {email.Trim()}.");
            return Failed;
        }
        Console.WriteLine($"Token '{name}' for {email.Trim()} (shown once; store it now):");
        Console.WriteLine(token);
        return Ok;
    }

    private static async Task<int> ProfileImportAsync(WebApplication app, CommandLine cli)
    {
        if (cli.VerbArgs.Count < 2)
        {
            return UsageError();
        }
        var file = cli.VerbArgs[1];
        string json;
        try
        {
            json = file == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(file);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: cannot read {file}: {e.Message}");
            return DataError;
        }
        await app.PrepareDatabaseAsync();
        var problems = await app.Services.GetRequiredService<ProfileStore>().SaveAsync(json, CancellationToken.None);
        foreach (var p in problems)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: {p}");
        }
        if (problems.Count > 0)
        {
            return DataError;
        }
        Console.WriteLine("Team profile imported.");
        return Ok;
    }

    /// <summary>calendar holidays|add|between on the configured calendar of --team (default psirt).</summary>
    private static async Task<int> CalendarAsync(WebApplication app, CommandLine cli)
    {
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var calendars = await scope.ServiceProvider.GetRequiredService<Sla.SlaSettings>().CalendarsAsync(CancellationToken.None);
        var code = Standards.Calendar.CalendarCommand.Run([.. cli.VerbArgs], calendars(cli.Option("--team") ?? "psirt"), Console.Out, Console.Error);
        await Console.Out.FlushAsync();
        return code;
    }

    private static async Task<int> ProfileExportAsync(WebApplication app)
    {
        await app.PrepareDatabaseAsync();
        Console.WriteLine((await app.Services.GetRequiredService<ProfileStore>().GetAsync(CancellationToken.None)).ToJson());
        return Ok;
    }
}
