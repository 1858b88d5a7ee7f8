using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SirtDesk.Cases;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.PublicSite;

namespace SirtDesk.Intake;

/// <summary>What the reporter gets back once the report is durable.</summary>
public sealed record Receipt(string TrackingNumber, string TrackingToken, string Language);

/// <summary>
/// The only place reports are written. Concurrent submissions are queued and committed together in one
/// transaction (group commit): one fsync for many reports. A caller's task completes only after that commit,
/// so a receipt is never shown for a report that could still be lost.
/// </summary>
public sealed partial class IntakeWriter(IServiceScopeFactory scopes, TimeProvider clock, ProfileStore profiles, AtRestCipher cipher, InboxVersion inbox, SearchIndexer search, ILogger<IntakeWriter> log)
    : BackgroundService
{
    private const int MaxBatch = 128;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private sealed record Pending(NewReport Report, string BaseUrl, TaskCompletionSource<Receipt> Done);

    public Task<Receipt> SubmitAsync(NewReport report, string baseUrl, CancellationToken ct)
    {
        var pending = new Pending(report, baseUrl, new TaskCompletionSource<Receipt>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The intake is shutting down.");
        }
        // The caller may give up waiting, but the report is still committed if it was already queued.
        return pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var p))
            {
                batch.Add(p);
            }
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad report must not take the others down: retry them one by one.
                LogBatchFailed(log, batch.Count, e.GetType().Name);
                foreach (var p in batch)
                {
                    try
                    {
                        await CommitAsync([p]);
                    }
                    catch (Exception single)
                    {
                        p.Done.TrySetException(single);
                    }
                }
            }
            catch (Exception e)
            {
                batch[0].Done.TrySetException(e);
            }
            batch.Clear();
            if (stoppingToken.IsCancellationRequested && !queue.Reader.TryPeek(out _))
            {
                break;
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        var profile = await profiles.GetAsync(CancellationToken.None);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var now = clock.GetUtcNow();
        var year = TimeZoneInfo.ConvertTime(now, profile.Zone).Year;
        // The providers are configured without retry-on-failure, so a batch runs once: a commit whose outcome is
        // unknown (connection lost during COMMIT) fails the batch (503) rather than storing it twice.
        var strategy = db.Database.CreateExecutionStrategy();
        var receipts = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var made = new List<Receipt>(batch.Count);
            var rows = new List<(Report, OutboxMessage?, IReadOnlyList<TimelineEntry>)>(batch.Count);
            // One counter update per prefix for the whole batch: the batch takes a consecutive block of numbers.
            var next = new Dictionary<string, long>();
            foreach (var group in batch.GroupBy(p => p.Report.Kind == ReportKind.Vulnerability ? "VR" : "IR"))
            {
                var last = await Numbering.TakeAsync(db, $"{group.Key}-{year}", group.Count(), CancellationToken.None);
                next[group.Key] = last - group.Count() + 1;
            }
            foreach (var p in batch)
            {
                var n = p.Report;
                var prefix = n.Kind == ReportKind.Vulnerability ? "VR" : "IR";
                var seq = next[prefix]++;
                var trackingNumber = $"{prefix}-{year}-{seq:D5}";
                var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                var team = n.Mail?.Team ?? profile.TeamFor(n.Kind.ToApi())?.Key ?? profile.Teams[0].Key;
                var report = new Report
                {
                    TrackingNumber = trackingNumber,
                    TrackingTokenHash = Tracking.Hash(token),
                    Kind = n.Kind,
                    Team = team,
                    Status = n.Mail?.JoinCaseId is null ? ReportStatus.New : ReportStatus.Accepted,
                    CaseId = n.Mail?.JoinCaseId,
                    MessageId = n.Mail?.MessageId,
                    Encryption = n.Mail?.Encryption ?? "none",
                    SignatureStatus = n.Mail?.SignatureStatus ?? "none",
                    SignerFingerprint = n.Mail?.SignerFingerprint,
                    OriginalSealed = n.Mail is null ? null : cipher.Seal(n.Mail.Original),
                    Language = n.Language,
                    Channel = n.Channel,
                    ReceivedAt = now,
                    Title = n.Title,
                    Description = n.Description,
                    Product = n.Product,
                    ProductVersion = n.ProductVersion,
                    VulnerabilityType = n.VulnerabilityType,
                    StepsToReproduce = n.StepsToReproduce,
                    Impact = n.Impact,
                    ProofOfConceptSealed = n.ProofOfConcept is null ? null : cipher.SealText(n.ProofOfConcept),
                    DisclosurePlans = n.DisclosurePlans,
                    OtherPartiesInformed = n.OtherPartiesInformed,
                    AffectedService = n.AffectedService,
                    DetectedAt = n.DetectedAt,
                    DetectedTimeZone = n.DetectedTimeZone,
                    Scope = n.Scope,
                    Indicators = n.Indicators,
                    ReporterName = n.ReporterName,
                    ReporterEmail = n.ReporterEmail,
                    ReporterOrganization = n.ReporterOrganization,
                    ReporterPgpKey = n.ReporterPgpKey,
                    Credit = n.Credit,
                    Attachments = [.. n.Attachments.Select(a => new ReportAttachment
                    {
                        FileName = a.FileName,
                        ContentType = a.ContentType,
                        Length = a.Content.LongLength,
                        Sha256 = Convert.ToHexStringLower(SHA256.HashData(a.Content)),
                        Sealed = cipher.Seal(a.Content),
                    })],
                };
                var events = new List<TimelineEntry> { new() { At = now, Actor = "reporter", Action = "report.received", Detail = n.Channel } };
                if (n.Mail?.JoinCaseId is { } caseId)
                {
                    // A reply from someone already on the case: it lands on the case's timeline, not in the inbox.
                    events.Add(new TimelineEntry { CaseId = caseId, At = now, Actor = "reporter", Action = "mail.received", Detail = trackingNumber });
                }
                if (n.Mail?.ClaimedCaseNumber is { } claimed)
                {
                    // The subject names a case, but the sender is not on it: a person decides whether it belongs there.
                    events.Add(new TimelineEntry { At = now, Actor = "reporter", Action = "mail.claims-case", Detail = claimed });
                }
                var receipt = new Receipt(trackingNumber, token, n.Language);
                OutboxMessage? acknowledgement = null;
                if (n.Mail?.Acknowledge ?? true)
                {
                    var mail = ReportAcknowledgementMail.Render(profile, report, Tracking.Url(p.BaseUrl, receipt));
                    acknowledgement = new OutboxMessage
                    {
                        Kind = "report-acknowledgement",
                        Recipient = n.ReporterEmail,
                        Language = n.Language,
                        Subject = mail.Subject,
                        Body = mail.Body,
                        CreatedAt = now,
                        Team = team,
                        InReplyTo = n.Mail?.MessageId is { } answered && !Mail.MailIntake.IsSyntheticMessageId(answered) ? answered : null,
                    };
                }
                rows.Add((report, acknowledgement, events));
                made.Add(receipt);
            }
            await ReportRows.InsertAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), rows, CancellationToken.None);
            await tx.CommitAsync();
            return made;
        });
        inbox.Bump();
        search.Nudge();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(receipts[i]);
        }
        LogCommitted(log, batch.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed {Count} reports in one transaction")]
    private static partial void LogCommitted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} reports failed ({Error}); retrying one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);
}

/// <summary>Per-prefix sequences that stay gap-tolerant but unique across processes and nodes.</summary>
public static class Numbering
{
    public static Task<long> NextAsync(SirtDb db, string key, CancellationToken ct) => TakeAsync(db, key, 1, ct);

    /// <summary>Reserves <paramref name="count"/> consecutive numbers and returns the last of them.</summary>
    public static async Task<long> TakeAsync(SirtDb db, string key, int count, CancellationToken ct)
    {
        // One statement that both SQLite (3.35+) and PostgreSQL run atomically; the row lock serialises nodes.
        var values = await db.Database.SqlQuery<long>(
            $"""INSERT INTO "Counters" ("Key", "Value") VALUES ({key}, {count}) ON CONFLICT ("Key") DO UPDATE SET "Value" = "Counters"."Value" + {count} RETURNING "Value" AS "Value" """)
            .ToListAsync(ct);
        return values[0];
    }
}

public static class Tracking
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string Url(string baseUrl, Receipt receipt) => $"{baseUrl.TrimEnd('/')}/{receipt.Language}/track/{receipt.TrackingToken}";
}
