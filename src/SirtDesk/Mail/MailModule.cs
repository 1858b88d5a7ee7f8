using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Web;

namespace SirtDesk.Mail;

public static class MailModule
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection("Mail"))
            .Validate(o => o.Imap.Values.All(b => string.IsNullOrWhiteSpace(b.Host) || (!string.IsNullOrWhiteSpace(b.User)
                && !string.IsNullOrWhiteSpace(b.Folder) && !string.IsNullOrWhiteSpace(b.ProcessedFolder) && b.Folder != b.ProcessedFolder
                && b.PollSeconds > 0 && b.MaxBackoffSeconds > 0)),
                "Each Mail:Imap:{team} with a Host needs a User, a Folder and a different ProcessedFolder, and positive PollSeconds and MaxBackoffSeconds.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyringCache>();
        builder.Services.AddScoped<TeamKeys>();
        builder.Services.AddSingleton<MailIntake>();
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection("Mail:Smtp"))
            .Validate(o => o.Port is > 0 and < 65536 && o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.TimeoutSeconds >= 1 && o.PollSeconds >= 0,
                "Mail:Smtp needs Port 1-65535, MaxAttempts, BatchSize and TimeoutSeconds of at least 1, and PollSeconds of 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDelivery>());
        builder.Services.AddSingleton<ImapPoller>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImapPoller>());
    }

    public static void MapMail(this WebApplication app)
    {
        app.MapKeyPublication();
    }
}

/// <summary>
/// <c>sirtdesk keys generate|export</c> and <c>sirtdesk mailgate</c>. Mailgate follows sysexits(3) as MTAs expect:
/// 0 stored (tracking number on stdout), 65 unusable (quarantined with the reason), 75 temporary failure (retry).
/// </summary>
public static class MailVerbs
{
    public const int TemporaryFailure = 75;

    public static async Task<int> KeysAsync(WebApplication app, CommandLine cli)
    {
        var sub = cli.VerbArgs.Count > 0 ? cli.VerbArgs[0] : null;
        var team = cli.Option("--team");
        if (string.IsNullOrWhiteSpace(team) || sub is not ("generate" or "export"))
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk keys generate --team TEAM --uid \"Name <address>\" [--algorithm rsa4096|ed25519]\n       sirtdesk keys export --team TEAM");
            return Verbs.Usage;
        }
        await app.PrepareDatabaseAsync();
        if ((await app.Services.GetRequiredService<PublicSite.ProfileStore>().GetAsync(CancellationToken.None)).Team(team) is null)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no team '{team}' in the profile.");
            return Verbs.DataError;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<TeamKeys>();
        if (sub == "export")
        {
            if (await keys.CurrentAsync(team, CancellationToken.None) is not { } current)
            {
                await Console.Error.WriteLineAsync($"sirtdesk: team '{team}' has no key. Generate one with: sirtdesk keys generate --team {team} --uid \"Name <address>\"");
                return Verbs.Failed;
            }
            await Console.Out.WriteAsync(current.PublicArmored);
            return Verbs.Ok;
        }
        var uid = cli.Option("--uid");
        var algorithm = cli.Option("--algorithm") ?? OpenPgp.Ed25519;
        if (string.IsNullOrWhiteSpace(uid) || OpenPgp.EmailOf(uid) is null || algorithm is not (OpenPgp.Rsa4096 or OpenPgp.Ed25519))
        {
            await Console.Error.WriteLineAsync("sirtdesk: give --uid \"Name <address>\" and --algorithm rsa4096 or ed25519.");
            return Verbs.Usage;
        }
        var key = await keys.GenerateAsync(team, uid, algorithm, null, CancellationToken.None);
        Console.WriteLine($"{key.Fingerprint}\t{key.KeyId}\t{key.Algorithm}\t{key.UserId}");
        return Verbs.Ok;
    }

    public static async Task<int> MailgateAsync(WebApplication app, CommandLine cli)
    {
        var team = cli.Option("--team");
        if (string.IsNullOrWhiteSpace(team))
        {
            await Console.Error.WriteLineAsync("usage: sirtdesk mailgate --team TEAM < message.eml");
            return Verbs.Usage;
        }
        // One byte over the limit is enough to quarantine the message as too large; the rest is read and dropped
        // so the MTA's pipe does not break (it keeps its own copy until we answer).
        var limit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.MaxMessageBytes + 1;
        using var buffer = new MemoryStream();
        await using (var stdin = Console.OpenStandardInput())
        {
            var chunk = new byte[81920];
            int n;
            while ((n = await stdin.ReadAsync(chunk)) > 0)
            {
                var keep = (int)Math.Min(n, Math.Max(0, limit - buffer.Length));
                buffer.Write(chunk, 0, keep);
            }
        }
        await app.PrepareDatabaseAsync();
        if ((await app.Services.GetRequiredService<PublicSite.ProfileStore>().GetAsync(CancellationToken.None)).Team(team) is null)
        {
            await Console.Error.WriteLineAsync($"sirtdesk: no team '{team}' in the profile.");
            return Verbs.Usage;
        }
        // The group-commit writer is a hosted service; a verb runs it just for this message.
        var writer = app.Services.GetRequiredService<IntakeWriter>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            var intake = app.Services.GetRequiredService<MailIntake>();
            MailAcceptance result;
            try
            {
                result = await intake.AcceptAsync(team, buffer.ToArray(), CancellationToken.None);
            }
            catch (Exception e) when (!MailIntake.IsOutage(e))
            {
                // Not the input's fault and not temporary: keep the message in quarantine rather than have the
                // MTA retry it for days.
                result = await intake.QuarantineFailedAsync(team, buffer.ToArray(), e, CancellationToken.None);
            }
            switch (result.Outcome)
            {
                case MailOutcome.Quarantined:
                    await Console.Error.WriteLineAsync($"sirtdesk: message quarantined: {result.Reason}");
                    return Verbs.DataError;
                default:
                    Console.WriteLine(result.TrackingNumber);
                    return Verbs.Ok;
            }
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }
}
