using System.Collections.Concurrent;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SirtDesk.Data;
using SirtDesk.PublicSite;
using SirtDesk.Web;

namespace SirtDesk.Mail;

/// <summary>One team's mailbox, from <c>Mail:Imap:{team}</c>.</summary>
public sealed class ImapMailbox
{
    public string Host { get; set; } = "";

    /// <summary>0 means the usual port: 993 for <see cref="SecureSocketOptions.SslOnConnect"/>, else 143.</summary>
    public int Port { get; set; }

    /// <summary>SslOnConnect (default), StartTls, or None (plain text: only for a server on the same host).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.SslOnConnect;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a message goes once its outcome is committed; created when missing. Nothing is ever deleted.</summary>
    public string ProcessedFolder { get; set; } = "SirtDesk.Processed";

    /// <summary>How often to look for mail when the server has no IDLE; with IDLE, how often to re-check anyway.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Wait in IMAP IDLE (RFC 2177) when the server offers it; false polls every <see cref="PollSeconds"/>.</summary>
    public bool Idle { get; set; } = true;

    /// <summary>Upper bound of the wait after a failure (it doubles from one second).</summary>
    public int MaxBackoffSeconds { get; set; } = 300;

    internal int EffectivePort => Port > 0 ? Port : Security == SecureSocketOptions.SslOnConnect ? 993 : 143;

    /// <summary>Which mailbox a cursor belongs to: a different server, account or folder starts from the beginning.</summary>
    internal string Identity => $"{User}@{Host}:{EffectivePort}/{Folder}";
}

/// <summary>What the poller of one team's mailbox last did; for operators and tests.</summary>
public sealed record MailboxStatus(DateTimeOffset? LastSuccessAt, int ConsecutiveFailures, string? LastError, long Processed);

/// <summary>
/// Fetches mail from each configured team mailbox over IMAP and hands every new message to
/// <see cref="MailIntake"/>. A message moves to the processed folder only after its outcome (stored, duplicate or
/// quarantined) is committed, and the cursor (UIDVALIDITY and last UID, in Settings) advances only after the move.
/// A crash between two steps therefore leaves the message in the folder, and processing it again is a duplicate
/// (Message-ID dedupe). On any failure the mailbox backs off and reconnects; the other teams carry on.
/// </summary>
public sealed partial class ImapPoller(
    MailIntake intake, IServiceScopeFactory scopes, ProfileStore profiles, TimeProvider clock, IOptions<MailOptions> options, ILogger<ImapPoller> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, MailboxStatus> status = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, MailboxStatus> Status => status;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var boxes = options.Value.Imap.Where(b => !string.IsNullOrWhiteSpace(b.Value.Host)).ToList();
        foreach (var (team, box) in boxes)
        {
            if (box.Security == SecureSocketOptions.None && !IsLoopback(box.Host))
            {
                LogPlainText(log, team);
            }
        }
        return Task.WhenAll(boxes.Select(b => Task.Run(() => RunAsync(b.Key, b.Value, stoppingToken), CancellationToken.None)));
    }

    /// <summary>Attempts on one message, in a row, after which it is quarantined instead of blocking the mailbox.</summary>
    public const int MaxAttempts = 5;

    private async Task RunAsync(string team, ImapMailbox box, CancellationToken stop)
    {
        status[team] = new MailboxStatus(null, 0, null, 0);
        var failures = 0;
        var attempts = new Attempts();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await SessionAsync(team, box, attempts, () => failures = 0, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures - 1, 20)), Math.Max(1, box.MaxBackoffSeconds)));
                var reason = Describe(e);
                status.AddOrUpdate(team, _ => new MailboxStatus(null, failures, reason, 0), (_, s) => s with { ConsecutiveFailures = failures, LastError = reason });
                LogFailed(log, team, reason, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task SessionAsync(string team, ImapMailbox box, Attempts attempts, Action healthy, CancellationToken stop)
    {
        if ((await profiles.GetAsync(stop)).Team(team) is null)
        {
            throw new InvalidOperationException($"Mail:Imap:{team} names no team of the profile.");
        }
        using var client = new ImapClient();
        await client.ConnectAsync(box.Host, box.EffectivePort, box.Security, stop);
        await client.AuthenticateAsync(box.User, box.Password, stop);
        var folder = box.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(box.Folder, stop);
        var processed = await ProcessedFolderAsync(client, box.ProcessedFolder, stop);
        await folder.OpenAsync(FolderAccess.ReadWrite, stop);

        // New mail may be announced by any response (EXISTS), not only during IDLE.
        var arrived = new CancellationTokenSource();
        void OnCountChanged(object? sender, EventArgs e) => arrived.Cancel();
        folder.CountChanged += OnCountChanged;
        try
        {
            var cursor = await LoadCursorAsync(team, box, stop);
            if (cursor.UidValidity != folder.UidValidity)
            {
                if (cursor.UidValidity != 0)
                {
                    LogRescan(log, team);
                }
                cursor = new Cursor(box.Identity, folder.UidValidity, 0);
            }
            while (true)
            {
                if (arrived.IsCancellationRequested)
                {
                    arrived.Dispose();
                    arrived = new CancellationTokenSource();
                }
                cursor = await DrainAsync(team, folder, processed, cursor, attempts, stop);
                healthy();
                status.AddOrUpdate(team, _ => new MailboxStatus(clock.GetUtcNow(), 0, null, 0), (_, s) => s with { LastSuccessAt = clock.GetUtcNow(), ConsecutiveFailures = 0, LastError = null });
                await WaitForMailAsync(client, box, arrived, stop);
            }
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
            arrived.Dispose();
            if (client.IsConnected)
            {
                try
                {
                    using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
                    await client.DisconnectAsync(true, quit.Token);
                }
                catch (Exception e) when (e is IOException or ImapProtocolException or ImapCommandException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException)
                {
                    // The session is over either way.
                }
            }
        }
    }

    /// <summary>Every message above the cursor, in UID order: accept, then move, then advance the cursor.</summary>
    private async Task<Cursor> DrainAsync(string team, IMailFolder folder, IMailFolder processed, Cursor cursor, Attempts attempts, CancellationToken stop)
    {
        var query = cursor.LastUid == 0 ? SearchQuery.All : SearchQuery.Uids(new UniqueIdRange(new UniqueId(cursor.LastUid + 1), UniqueId.MaxValue));
        // "n:*" always matches the last message even when its UID is below n (RFC 3501 §6.4.8), hence the filter.
        var uids = (await folder.SearchAsync(query, stop)).Where(u => u.Id > cursor.LastUid).OrderBy(u => u.Id).ToList();
        var limit = (int)Math.Min(int.MaxValue - 1, options.Value.MaxMessageBytes + 1);
        foreach (var uid in uids)
        {
            byte[] raw;
            // At most one byte over the limit: a larger message is quarantined as too large and stays whole on the server.
            using (var stream = await folder.GetStreamAsync(uid, 0, limit, stop))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, stop);
                raw = buffer.ToArray();
            }
            MailAcceptance result;
            try
            {
                result = await intake.AcceptAsync(team, raw, stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested && !MailIntake.IsOutage(e) && attempts.Failed(cursor.UidValidity, uid.Id) >= MaxAttempts)
            {
                // The same message failed again and again, and not because the database was out of reach (a bug, or
                // data the database refuses): keep it in quarantine so the messages behind it get through. If the
                // database is gone by now this throws too, and the next round tries the message itself first.
                LogGaveUp(log, team, uid.Id, MaxAttempts, e.GetType().Name);
                result = await intake.QuarantineFailedAsync(team, raw, e, stop);
            }
            attempts.Clear();
            await folder.MoveToAsync(uid, processed, stop);
            cursor = cursor with { LastUid = uid.Id };
            await SaveCursorAsync(team, cursor, stop);
            status.AddOrUpdate(team, _ => new MailboxStatus(clock.GetUtcNow(), 0, null, 1), (_, s) => s with { Processed = s.Processed + 1 });
            LogProcessed(log, team, uid.Id, result.Outcome, result.TrackingNumber);
        }
        return cursor;
    }

    private async Task WaitForMailAsync(ImapClient client, ImapMailbox box, CancellationTokenSource arrived, CancellationToken stop)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, box.PollSeconds));
        if (arrived.IsCancellationRequested)
        {
            return;
        }
        if (box.Idle && client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            // RFC 2177: re-issue IDLE well within 29 minutes. DONE must go out before the connection is torn down
            // (SslStream cannot be cancelled mid-read), so stopping ends IDLE first and cancels only if that hangs.
            using var done = CancellationTokenSource.CreateLinkedTokenSource(arrived.Token);
            done.CancelAfter(poll < TimeSpan.FromMinutes(25) ? poll : TimeSpan.FromMinutes(25));
            using var hard = new CancellationTokenSource();
            await using var onStop = stop.Register(() =>
            {
                done.Cancel();
                hard.CancelAfter(TimeSpan.FromSeconds(5));
            });
            await client.IdleAsync(done.Token, hard.Token);
            stop.ThrowIfCancellationRequested();
            return;
        }
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(arrived.Token, stop);
        try
        {
            await Task.Delay(poll, clock, wake.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
        }
        stop.ThrowIfCancellationRequested();
        await client.NoOpAsync(stop);
    }

    private static async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, string path, CancellationToken ct)
    {
        try
        {
            var existing = await client.GetFolderAsync(path, ct);
            await existing.SubscribeAsync(ct);
            return existing;
        }
        catch (FolderNotFoundException)
        {
        }
        var ns = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : throw new ImapProtocolException("The IMAP server names no personal namespace.");
        var parent = client.GetFolder(ns) ?? throw new FolderNotFoundException(ns.Path);
        // The configured name is a path in the server's hierarchy: create each missing level.
        foreach (var name in path.Split(ns.DirectorySeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            IMailFolder child;
            try
            {
                child = await parent.GetSubfolderAsync(name, ct);
            }
            catch (FolderNotFoundException)
            {
                child = await parent.CreateAsync(name, true, ct) ?? throw new FolderNotFoundException(name);
            }
            parent = child;
        }
        await parent.SubscribeAsync(ct);
        return parent;
    }

    private sealed record Cursor(string Mailbox, uint UidValidity, uint LastUid);

    /// <summary>Failed attempts on the message at the head of the folder (one message at a time is in flight).</summary>
    private sealed class Attempts
    {
        private (uint Validity, uint Uid) current;
        private int count;

        public int Failed(uint validity, uint uid)
        {
            if (current != (validity, uid))
            {
                (current, count) = ((validity, uid), 0);
            }
            return ++count;
        }

        public void Clear() => count = 0;
    }

    private static string SettingKey(string team) => $"mail.imap.{team}";

    private async Task<Cursor> LoadCursorAsync(string team, ImapMailbox box, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var key = SettingKey(team);
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        var stored = value is null ? null : JsonSerializer.Deserialize<Cursor>(value);
        return stored is not null && stored.Mailbox == box.Identity ? stored : new Cursor(box.Identity, 0, 0);
    }

    private async Task SaveCursorAsync(string team, Cursor cursor, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        await db.PutSettingAsync(SettingKey(team), JsonSerializer.Serialize(cursor), clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The kind of failure, never a message body, password or server banner.</summary>
    private static string Describe(Exception e) => e switch
    {
        _ when WebModule.IsDatabaseUnavailable(e) => $"database unavailable ({e.GetType().Name})",
        AuthenticationException => "IMAP sign-in refused",
        System.Net.Sockets.SocketException s => $"cannot reach the IMAP server ({s.SocketErrorCode})",
        SslHandshakeException => "TLS handshake with the IMAP server failed",
        FolderNotFoundException => "the IMAP folder does not exist",
        ImapCommandException c => $"IMAP command failed ({c.Response})",
        ImapProtocolException or IOException or ServiceNotConnectedException => $"IMAP connection lost ({e.GetType().Name})",
        InvalidOperationException when e.Message.StartsWith("Mail:Imap:", StringComparison.Ordinal) => e.Message,
        _ => e.GetType().Name,
    };

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox of {Team}: Security=None sends the IMAP password and the mail unencrypted to a host that is not this machine")]
    private static partial void LogPlainText(ILogger logger, string team);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox of {Team}: {Reason}; retrying in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, string team, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox of {Team}: UID {Uid} processed ({Outcome}, {TrackingNumber})")]
    private static partial void LogProcessed(ILogger logger, string team, uint uid, MailOutcome outcome, string? trackingNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mailbox of {Team}: UID {Uid} failed {Attempts} times in a row ({Error}); quarantining it")]
    private static partial void LogGaveUp(ILogger logger, string team, uint uid, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox of {Team}: UIDVALIDITY changed; scanning the whole folder again (duplicates are recognised by Message-ID)")]
    private static partial void LogRescan(ILogger logger, string team);
}
