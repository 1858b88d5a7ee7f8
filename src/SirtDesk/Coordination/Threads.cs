using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SirtDesk.Data;

namespace SirtDesk.Coordination;

/// <summary>How far one staff member has read a participant's thread: the last mail from the participant they saw.</summary>
public sealed class ThreadRead
{
    public long Id { get; set; }
    public long ParticipantId { get; set; }
    public required string Reader { get; set; }

    /// <summary>The id of the newest report (mail) from the participant on this case the reader has seen.</summary>
    public long ReadUpTo { get; set; }
}

/// <summary>One message of a participant's thread: to them (from the outbox) or from them (mail that joined the case).</summary>
public sealed record ThreadMessage(bool FromParticipant, DateTimeOffset At, string Subject, string Body, string State, string? Reference, bool Unread);

/// <summary>
/// Each participant's thread on a case: the team's mails to their address and the mails from it that joined the case,
/// in time order, with unread markers per staff member.
/// </summary>
public sealed class ParticipantThreads(SirtDb db)
{
    /// <summary>Unread mails from each participant of the case for this reader, by participant id.</summary>
    public async Task<IReadOnlyDictionary<long, int>> UnreadAsync(long caseId, string reader, CancellationToken ct)
    {
        var participants = await db.Set<CaseParticipant>().AsNoTracking().Where(p => p.CaseId == caseId)
            .Select(p => new { p.Id, p.Contact!.Email }).ToListAsync(ct);
        var reads = await db.Set<ThreadRead>().AsNoTracking().Where(r => r.Reader == reader && participants.Select(p => p.Id).Contains(r.ParticipantId))
            .ToDictionaryAsync(r => r.ParticipantId, r => r.ReadUpTo, ct);
        var inbound = await db.Reports.AsNoTracking().Where(r => r.CaseId == caseId).Select(r => new { r.Id, r.ReporterEmail }).ToListAsync(ct);
        return participants.ToDictionary(p => p.Id, p =>
        {
            var upTo = reads.GetValueOrDefault(p.Id);
            return inbound.Count(r => r.Id > upTo && string.Equals(r.ReporterEmail, p.Email, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>The thread in time order, marking what the reader had not seen; then records that they have seen it all.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> ReadAsync(CaseParticipant participant, string reader, CancellationToken ct)
    {
        var email = participant.Contact!.Email;
        var caseId = participant.CaseId;
        var read = await db.Set<ThreadRead>().FirstOrDefaultAsync(r => r.ParticipantId == participant.Id && r.Reader == reader, ct);
        var upTo = read?.ReadUpTo ?? 0;
        var inbound = (await db.Reports.AsNoTracking().Where(r => r.CaseId == caseId)
                .Select(r => new { r.Id, r.ReporterEmail, r.ReceivedAt, r.Title, r.Description, r.TrackingNumber, r.SignatureStatus })
                .ToListAsync(ct))
            .Where(r => string.Equals(r.ReporterEmail, email, StringComparison.OrdinalIgnoreCase)).ToList();
        var outbound = (await db.Outbox.AsNoTracking().Where(o => o.CaseId == caseId)
                .Select(o => new { o.Recipient, o.CreatedAt, o.SentAt, o.GivenUpAt, o.Subject, o.Body })
                .ToListAsync(ct))
            .Where(o => string.Equals(o.Recipient, email, StringComparison.OrdinalIgnoreCase)).ToList();
        var messages = inbound.Select(r => new ThreadMessage(true, r.ReceivedAt, r.Title, r.Description, r.SignatureStatus, r.TrackingNumber, r.Id > upTo))
            .Concat(outbound.Select(o => new ThreadMessage(false, o.CreatedAt, o.Subject, o.Body, o.SentAt is not null ? "sent" : o.GivenUpAt is not null ? "failed" : "queued", null, false)))
            .OrderBy(m => m.At.UtcTicks).ToList();
        var newest = inbound.Count == 0 ? 0 : inbound.Max(r => r.Id);
        if (newest > upTo)
        {
            if (read is null)
            {
                db.Set<ThreadRead>().Add(new ThreadRead { ParticipantId = participant.Id, Reader = reader, ReadUpTo = newest });
            }
            else
            {
                read.ReadUpTo = newest;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same reader opened the thread twice at once: the other request recorded it.
            }
        }
        return messages;
    }
}

internal sealed class ThreadReadConfiguration : IEntityTypeConfiguration<ThreadRead>
{
    public void Configure(EntityTypeBuilder<ThreadRead> b)
    {
        b.ToTable("ThreadReads");
        b.HasIndex(r => new { r.ParticipantId, r.Reader }).IsUnique();
        b.HasOne<CaseParticipant>().WithMany().HasForeignKey(r => r.ParticipantId);
        b.Property(r => r.Reader).HasMaxLength(256);
    }
}
