using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.PublicSite;

namespace SirtDesk.Mail;

/// <summary>
/// Sends the outbox: every row the app queued (acknowledgements, out-of-scope answers, case replies, SLA digests)
/// leaves from its team's address, signed with the team's key and encrypted when the recipient's key is known.
/// A row is claimed with a conditional update before it is sent, so two nodes never send the same one; its
/// Message-ID is fixed in that same update, so a retry after an unclear failure carries the same ID.
/// Failures back off (1 min, doubling, at most 1 h) until <see cref="SmtpOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SmtpOptions> options, ILogger<OutboxDelivery> log) : BackgroundService
{
    /// <summary>How long a claimed row stays reserved for the node that claimed it (if that node dies, another retries after this).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim oneRound = new(1, 1);
    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The wait before attempt <paramref name="failures"/> + 1: one minute, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int failures) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, failures - 1))));

    /// <summary>Something was queued: look at the outbox now rather than at the next poll.</summary>
    public void Nudge() => nudges.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            LogOff(log);
            return;
        }
        if (o.PollSeconds <= 0)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(log, e.GetType().Name);
            }
            if (claimed >= o.BatchSize)
            {
                continue; // more are waiting
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(TimeSpan.FromSeconds(o.PollSeconds), clock, wake.Token);
            var nudged = nudges.Reader.WaitToReadAsync(wake.Token).AsTask();
            await Task.WhenAny(delay, nudged);
            await wake.CancelAsync();
            nudges.Reader.TryRead(out _);
        }
    }

    /// <summary>One round: claims up to a batch of due rows and sends them. Returns how many rows it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return 0;
        }
        await oneRound.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var round = new Round(scope.ServiceProvider, o, clock, log);
            return await round.RunAsync(ct);
        }
        finally
        {
            oneRound.Release();
        }
    }

    public override void Dispose()
    {
        oneRound.Dispose();
        base.Dispose();
    }

    private sealed class Round(IServiceProvider services, SmtpOptions options, TimeProvider clock, ILogger log) : IAsyncDisposable
    {
        private readonly SirtDb db = services.GetRequiredService<SirtDb>();
        private SmtpClient? smtp;

        public async Task<int> RunAsync(CancellationToken ct)
        {
            await using var _ = this;
            var now = clock.GetUtcNow();
            // Raw SQL because SQLite keeps DateTimeOffset as text, which EF will not compare; the text is
            // ISO-like UTC, so comparing it as text orders it correctly (every instant here is written in UTC).
            var due = await db.Database.SqlQuery<long>($"""
                SELECT "Id" AS "Value" FROM "Outbox"
                WHERE "SentAt" IS NULL AND "GivenUpAt" IS NULL AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now})
                ORDER BY "Id" LIMIT {options.BatchSize}
                """).ToListAsync(ct);
            if (due.Count == 0)
            {
                return 0;
            }
            var profile = await services.GetRequiredService<ProfileStore>().GetAsync(ct);
            var keyring = await services.GetRequiredService<TeamKeys>().KeyringAsync(ct);
            var claimed = 0;
            foreach (var id in due)
            {
                now = clock.GetUtcNow();
                var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
                if (row is null || row.SentAt is not null || row.GivenUpAt is not null || row.NextAttemptAt > now)
                {
                    continue; // another node took it meanwhile
                }
                var sender = Sender(profile, row.Team, row.Language);
                var messageId = row.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId(Domain(sender.Address));
                var attempt = row.Attempts + 1;
                var won = await db.Outbox
                    .Where(r => r.Id == id && r.Attempts == row.Attempts && r.SentAt == null && r.GivenUpAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, attempt).SetProperty(r => r.NextAttemptAt, now + Lease).SetProperty(r => r.MessageId, messageId), ct);
                if (won == 0)
                {
                    continue;
                }
                claimed++;
                if (!await DeliverAsync(row, attempt, sender, messageId, keyring, ct))
                {
                    break; // the server is unreachable: the rest waits for the next round
                }
            }
            return claimed;
        }

        /// <summary>Sends one claimed row and records the outcome. False when the SMTP server could not be reached.</summary>
        private async Task<bool> DeliverAsync(OutboxMessage row, int attempt, MailSender sender, string messageId, Keyring keyring, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (OutboundMail.Recipient(row.Recipient) is not { } recipient)
            {
                await GiveUpAsync(row, attempt, "mail.failed", "The recipient is not a single valid e-mail address.");
                LogGivenUp(log, row.Id, row.Kind, "invalid recipient");
                return true;
            }
            var recipientKey = keyring.EncryptionKeyFor(recipient.Address, now) is { } ring ? Keyring.EncryptionKey(ring) : null;
            if (recipientKey is null && row.CaseId is { } caseId)
            {
                var tlp = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Tlp).FirstOrDefaultAsync(ct);
                if (tlp is not null && Case.RequiresEncryption(tlp))
                {
                    // TLP:AMBER and RED never leave in clear, whatever happened since the row was queued.
                    await GiveUpAsync(row, attempt, "mail.refused", $"Not sent: the case is TLP:{tlp} and no OpenPGP key is known for the recipient.");
                    LogRefused(log, row.Id, tlp);
                    return true;
                }
            }

            ComposedMail mail;
            try
            {
                mail = OutboundMail.Compose(row, sender, recipient, messageId, keyring, recipientKey, now);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A key or content problem of this row only: it counts as a failed attempt and the others go on.
                await FailAsync(row, attempt, $"The message could not be prepared ({e.GetType().Name}).", e.GetType().Name);
                return true;
            }

            try
            {
                var client = await ConnectAsync(ct);
                await client.SendAsync(mail.Message, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Whatever went wrong is recorded on the row (so it backs off and is given up in the end) rather than
                // escaping the round and leaving the row claimed.
                var permanent = e is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c && (int)c.StatusCode >= 500;
                if (permanent)
                {
                    await GiveUpAsync(row, attempt, "mail.failed", Describe(e));
                    LogGivenUp(log, row.Id, row.Kind, Short(e));
                }
                else
                {
                    await FailAsync(row, attempt, Describe(e), Short(e));
                }
                // A rejected command leaves the session usable; anything else drops it.
                if (e is not SmtpCommandException)
                {
                    await DropAsync();
                    return false;
                }
                return true;
            }

            await MarkSentAsync(row, attempt, mail);
            LogSent(log, row.Id, row.Kind, mail.Signed, mail.Encrypted);
            return true;
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
        {
            if (smtp is { IsConnected: true })
            {
                return smtp;
            }
            await DropAsync();
            smtp = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
            var security = options.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.Auto => SecureSocketOptions.Auto,
                _ => SecureSocketOptions.StartTls,
            };
            await smtp.ConnectAsync(options.Host!, options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.User))
            {
                await smtp.AuthenticateAsync(options.User, options.Password ?? "", ct);
            }
            return smtp;
        }

        private async Task DropAsync()
        {
            if (smtp is null)
            {
                return;
            }
            try
            {
                if (smtp.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await smtp.DisconnectAsync(true, quick.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The session is gone either way.
            }
            smtp.Dispose();
            smtp = null;
        }

        public async ValueTask DisposeAsync() => await DropAsync();

        private async Task MarkSentAsync(OutboxMessage row, int attempt, ComposedMail mail)
        {
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // Not cancellable: the message is out, and the row must say so.
            await db.Outbox.Where(r => r.Id == row.Id && r.Attempts == attempt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, now).SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null).SetProperty(r => r.LastError, (string?)null), CancellationToken.None);
            if (row.CaseId is not null || row.ReportId is not null)
            {
                var caseId = await CaseOfAsync(row);
                var how = mail.Encrypted ? (mail.Signed ? "signed, encrypted" : "encrypted, not signed") : mail.Signed ? "signed, not encrypted" : "not signed, not encrypted";
                db.Timeline.Add(new TimelineEntry
                {
                    CaseId = caseId,
                    ReportId = row.ReportId,
                    At = now,
                    Actor = "system",
                    Action = "mail.sent",
                    Detail = $"{row.Recipient} — {OutboundMail.HeaderText(row.Subject)} ({how})",
                });
                await db.SaveChangesAsync(CancellationToken.None);
            }
            await tx.CommitAsync(CancellationToken.None);
        }

        /// <summary>The row's case, or that of its report once the report has joined one (so the case timeline lists it too).</summary>
        private async Task<long?> CaseOfAsync(OutboxMessage row) =>
            row.CaseId ?? (row.ReportId is { } reportId
                ? await db.Reports.AsNoTracking().Where(r => r.Id == reportId).Select(r => r.CaseId).FirstOrDefaultAsync(CancellationToken.None)
                : null);

        private async Task FailAsync(OutboxMessage row, int attempt, string error, string reason)
        {
            if (attempt >= options.MaxAttempts)
            {
                await GiveUpAsync(row, attempt, "mail.failed", $"Gave up after {attempt} attempts: {error}");
                LogGivenUp(log, row.Id, row.Kind, $"{attempt} attempts");
                return;
            }
            var next = clock.GetUtcNow() + Backoff(attempt);
            await db.Outbox.Where(r => r.Id == row.Id && r.Attempts == attempt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastError, error).SetProperty(r => r.NextAttemptAt, next), CancellationToken.None);
            LogRetry(log, row.Id, attempt, reason, next);
        }

        private async Task GiveUpAsync(OutboxMessage row, int attempt, string action, string error)
        {
            var now = clock.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await db.Outbox.Where(r => r.Id == row.Id && r.Attempts == attempt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.GivenUpAt, now).SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null).SetProperty(r => r.LastError, error), CancellationToken.None);
            if (row.CaseId is not null || row.ReportId is not null)
            {
                db.Timeline.Add(new TimelineEntry { CaseId = await CaseOfAsync(row), ReportId = row.ReportId, At = now, Actor = "system", Action = action, Detail = $"{row.Recipient} — {error}" });
                await db.SaveChangesAsync(CancellationToken.None);
            }
            await tx.CommitAsync(CancellationToken.None);
        }
    }

    /// <summary>The row's team, or the first team when it names none (or one that is no longer in the profile).</summary>
    public static MailSender Sender(TeamProfile profile, string? team, string language)
    {
        var t = (team is null ? null : profile.Team(team)) ?? profile.Teams[0];
        return new MailSender(t.Key, t.Name.For(language), t.Email);
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];

    /// <summary>What went wrong, for the row and the case page: the SMTP status and reply, never message content or credentials.</summary>
    public static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"SMTP {(int)c.StatusCode} ({c.ErrorCode}): {OneLine(c.Message)}",
        SmtpProtocolException => "SMTP protocol error: " + OneLine(e.Message),
        AuthenticationException => "SMTP authentication failed: " + OneLine(e.Message),
        SslHandshakeException => "TLS with the SMTP server failed.",
        SocketException s => $"Cannot reach the SMTP server ({s.SocketErrorCode}).",
        OperationCanceledException or TimeoutException => "The SMTP server did not answer in time.",
        _ => $"{e.GetType().Name}: {OneLine(e.Message)}",
    };

    private static string Short(Exception e) => e is SmtpCommandException c ? ((int)c.StatusCode).ToString(CultureInfo.InvariantCulture) : e.GetType().Name;

    private static string OneLine(string text)
    {
        var line = OutboundMail.HeaderText(text);
        return line.Length > 200 ? line[..200] : line;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outgoing mail is off: Mail:Smtp:Host is not set; queued messages wait in the outbox")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Kind}) sent; signed {Signed}, encrypted {Encrypted}")]
    private static partial void LogSent(ILogger logger, long id, string kind, bool signed, bool encrypted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: attempt {Attempt} failed ({Error}); next try at {Next:O}")]
    private static partial void LogRetry(ILogger logger, long id, int attempt, string error, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind}) given up: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, long id, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} refused: the case is TLP:{Tlp} and no key is known for the recipient")]
    private static partial void LogRefused(ILogger logger, long id, string tlp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox round failed ({Error}); the next one follows")]
    private static partial void LogRoundFailed(ILogger logger, string error);
}
