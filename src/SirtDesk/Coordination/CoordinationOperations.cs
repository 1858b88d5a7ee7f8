using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Mail;

namespace SirtDesk.Coordination;

public sealed record NewOrganization(string? Name, string? Kind, string? Unit);

public sealed record NewContact(string? Name, string? Email, string? Language, string? TimeZone, string? PgpKey);

public enum MessageOutcome
{
    Queued,
    ApprovalRequired,
    NotAParticipant,
    Incomplete,
    NeedsKey,
}

public sealed record MessageResult(MessageOutcome Outcome, bool Encrypted = false, long? ApprovalId = null);

/// <summary>The directory, case participants, vendor statuses and messages to participants. Every case change writes its timeline entry.</summary>
public sealed class CoordinationOperations(SirtDb db, TimeProvider clock, TeamKeys keys, OutboxDelivery delivery)
{
    public const int MaxBodyLength = CaseReplyMail.MaxBodyLength;

    /// <summary>Field → error keys (resource names); empty when the organisation is valid.</summary>
    public static Dictionary<string, string> Validate(NewOrganization o)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(o.Name) || o.Name.Trim().Length > 200)
        {
            errors["name"] = "Coord_NameRequired";
        }
        if (o.Kind is null || !OrganizationKinds.All.Contains(o.Kind))
        {
            errors["kind"] = "Coord_KindInvalid";
        }
        if (o.Kind == "internal" ? o.Unit is null || !OrganizationKinds.Units.Contains(o.Unit) : !string.IsNullOrEmpty(o.Unit))
        {
            errors["unit"] = "Coord_UnitInvalid";
        }
        return errors;
    }

    public static Dictionary<string, string> Validate(NewContact c)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(c.Email) || OutboundMail.Recipient(c.Email.Trim()) is null || c.Email.Trim().Length > 320)
        {
            errors["email"] = "Coord_EmailInvalid";
        }
        if (c.Language is not (null or "" or "ja" or "en"))
        {
            errors["language"] = "Coord_LanguageInvalid";
        }
        if (!string.IsNullOrEmpty(c.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(c.TimeZone, out _))
        {
            errors["timeZone"] = "Coord_TimeZoneInvalid";
        }
        if (c.Name?.Length > 200)
        {
            errors["name"] = "Coord_NameTooLong";
        }
        return errors;
    }

    public async Task<Organization> CreateOrganizationAsync(NewOrganization o, CancellationToken ct)
    {
        var org = new Organization { Name = o.Name!.Trim(), Kind = o.Kind!, Unit = o.Kind == "internal" ? o.Unit : null };
        db.Add(org);
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>Adds a contact; a pasted key must be a public key for the contact's own address. Null and an error key when it is not.</summary>
    /// <summary>
    /// A contact's armoured public key checked against its address: the fingerprint and bytes to import, or the
    /// resource key of the problem. No key (blank) is fine.
    /// </summary>
    public static (string? Fingerprint, byte[]? Data, string? Error) ContactKey(string? armored, string email)
    {
        if (string.IsNullOrWhiteSpace(armored))
        {
            return (null, null, null);
        }
        var data = System.Text.Encoding.UTF8.GetBytes(armored);
        try
        {
            var facts = OpenPgp.ReadPublic(data).Select(OpenPgp.Facts).ToList();
            if (facts.Count == 0)
            {
                return (null, null, "Coord_KeyUnusable");
            }
            if (facts.Any(f => !string.Equals(f.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, null, "Coord_KeyOtherAddress");
            }
            return (facts[0].Fingerprint, data, null);
        }
        catch (InvalidDataException)
        {
            return (null, null, "Coord_KeyUnusable");
        }
    }

    public async Task<(Contact? Contact, string? Error)> AddContactAsync(Organization org, NewContact c, CancellationToken ct)
    {
        var email = c.Email!.Trim();
        var (fingerprint, keyData, keyError) = ContactKey(c.PgpKey, email);
        if (keyError is not null)
        {
            return (null, keyError);
        }
        var contact = new Contact
        {
            OrganizationId = org.Id,
            Name = string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim(),
            Email = email,
            Language = c.Language is "en" ? "en" : "ja",
            TimeZone = string.IsNullOrEmpty(c.TimeZone) ? "Asia/Tokyo" : c.TimeZone,
            PgpFingerprint = fingerprint,
        };
        db.Add(contact);
        if (keyData is not null)
        {
            await keys.ImportPartnerAsync(keyData, "directory", ct); // saves the contact with the key
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        return (contact, null);
    }

    public async Task<CaseParticipant?> AddParticipantAsync(Case @case, Contact contact, string role, string actor, CancellationToken ct)
    {
        if (!CaseParticipant.Roles.Contains(role) || await db.Set<CaseParticipant>().AnyAsync(p => p.CaseId == @case.Id && p.ContactId == contact.Id, ct))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var participant = new CaseParticipant { CaseId = @case.Id, ContactId = contact.Id, Role = role, AddedAt = now, AddedBy = actor };
        db.Add(participant);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "coordination.participant-added", Detail = $"{role}: {contact.Email}" });
        await db.SaveChangesAsync(ct);
        return participant;
    }

    public async Task<CaseVulnerability> AddVulnerabilityAsync(Case @case, string title, string? cve, string actor, CancellationToken ct)
    {
        var v = new CaseVulnerability { CaseId = @case.Id, Title = title.Trim(), CveId = string.IsNullOrWhiteSpace(cve) ? null : cve.Trim().ToUpperInvariant() };
        db.Add(v);
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = clock.GetUtcNow(), Actor = actor, Action = "coordination.vulnerability-added", Detail = $"{v.CveId ?? "-"} {v.Title}" });
        await db.SaveChangesAsync(ct);
        return v;
    }

    /// <summary>Records a vendor's status for one vulnerability; false when the participant is not a vendor of the case or the status is unknown to us.</summary>
    public async Task<bool> SetVendorStatusAsync(Case @case, long vulnerabilityId, long participantId, string status, string? statement, string actor, CancellationToken ct)
    {
        var vulnerability = await db.Set<CaseVulnerability>().FirstOrDefaultAsync(v => v.Id == vulnerabilityId && v.CaseId == @case.Id, ct);
        var participant = await db.Set<CaseParticipant>().Include(p => p.Contact).FirstOrDefaultAsync(p => p.Id == participantId && p.CaseId == @case.Id && p.Role == "vendor", ct);
        if (vulnerability is null || participant is null || !VendorStatus.Values.Contains(status) || statement?.Length > 4000)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        db.Add(new VendorStatus
        {
            VulnerabilityId = vulnerability.Id,
            ParticipantId = participant.Id,
            Status = status,
            Statement = string.IsNullOrWhiteSpace(statement) ? null : statement.Trim(),
            SetBy = actor,
            SetAt = now,
        });
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = @case.Id,
            At = now,
            Actor = actor,
            Action = "coordination.vendor-status",
            Detail = $"{participant.Contact!.Email} {vulnerability.CveId ?? vulnerability.Title}: {status}",
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Sends a message to a contact on the case. A contact whose organisation needs approval never gets one directly:
    /// with a reason the draft becomes an approval request; without one the answer is ApprovalRequired. Other contacts
    /// must be participants of the case.
    /// </summary>
    public async Task<MessageResult> MessageAsync(Case @case, Contact contact, string subject, string body, string? reason, string actor, CancellationToken ct)
    {
        if (ContactRule.ApproverFor(contact.Organization!.Kind) is { } approver)
        {
            if (string.IsNullOrWhiteSpace(reason) || string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
            {
                return new MessageResult(MessageOutcome.ApprovalRequired);
            }
            var now = clock.GetUtcNow();
            var request = new ApprovalRequest
            {
                CaseId = @case.Id,
                ContactId = contact.Id,
                ApproverRole = approver,
                Subject = subject.Trim(),
                Body = body,
                Reason = reason.Trim(),
                RequestedBy = actor,
                RequestedAt = now,
            };
            db.Add(request);
            db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = "coordination.approval-requested", Detail = $"{approver}: {contact.Email} — {request.Reason}" });
            await db.SaveChangesAsync(ct);
            return new MessageResult(MessageOutcome.ApprovalRequired, ApprovalId: request.Id);
        }
        var participant = await db.Set<CaseParticipant>().FirstOrDefaultAsync(p => p.CaseId == @case.Id && p.ContactId == contact.Id, ct);
        if (participant is null)
        {
            return new MessageResult(MessageOutcome.NotAParticipant);
        }
        return await QueueAsync(@case, contact, participant, subject, body, actor, "coordination.message-queued", ct);
    }

    /// <summary>
    /// Sends the templated notice to the chosen participants, each in their own language and thread. Contacts under
    /// the police/press rule are never notified this way (their outcome is ApprovalRequired).
    /// </summary>
    public async Task<IReadOnlyList<(string Email, MessageOutcome Outcome)>> NotifyAsync(Case @case, IReadOnlyCollection<long> participantIds, string actor, CancellationToken ct)
    {
        var participants = await db.Set<CaseParticipant>().Include(p => p.Contact).ThenInclude(c => c!.Organization)
            .Where(p => p.CaseId == @case.Id && participantIds.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        var vulnerabilities = await db.Set<CaseVulnerability>().AsNoTracking().Where(v => v.CaseId == @case.Id).OrderBy(v => v.Id).ToListAsync(ct);
        var outcomes = new List<(string, MessageOutcome)>();
        foreach (var p in participants)
        {
            var contact = p.Contact!;
            if (ContactRule.ApproverFor(contact.Organization!.Kind) is not null)
            {
                outcomes.Add((contact.Email, MessageOutcome.ApprovalRequired));
                continue;
            }
            var notice = ParticipantNoticeMail.Render(contact.Language, @case.Number, contact.Name, vulnerabilities);
            var result = await QueueAsync(@case, contact, p, notice.Subject, notice.Body, actor, "coordination.message-queued", ct);
            outcomes.Add((contact.Email, result.Outcome));
        }
        return outcomes;
    }

    private async Task<MessageResult> QueueAsync(Case @case, Contact contact, CaseParticipant? participant, string subject, string body, string actor, string action, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
        {
            return new MessageResult(MessageOutcome.Incomplete);
        }
        var now = clock.GetUtcNow();
        var encrypted = (await keys.KeyringAsync(ct)).EncryptionKeyFor(contact.Email, now) is not null;
        if (!encrypted && @case.MailMustBeEncrypted)
        {
            return new MessageResult(MessageOutcome.NeedsKey);
        }
        var mail = CaseReplyMail.Render(@case.Number, contact.Language, subject, body);
        // Fixed now, not at delivery, so that the next message to the same participant can answer it.
        var messageId = MimeKit.Utils.MimeUtils.GenerateMessageId(DomainOf(contact.Email));
        db.Outbox.Add(new OutboxMessage
        {
            Kind = "case-participant",
            Recipient = contact.Email,
            Language = contact.Language,
            Subject = mail.Subject,
            Body = mail.Body,
            CreatedAt = now,
            Team = @case.Team,
            CaseId = @case.Id,
            MessageId = messageId,
            InReplyTo = participant?.LastMessageId,
        });
        if (participant is not null)
        {
            participant.LastMessageId = messageId;
        }
        db.Timeline.Add(new TimelineEntry { CaseId = @case.Id, At = now, Actor = actor, Action = action, Detail = contact.Email });
        await db.SaveChangesAsync(ct);
        delivery.Nudge();
        return new MessageResult(MessageOutcome.Queued, encrypted);
    }

    // Message-IDs name a domain; the recipient's is as good as any for uniqueness and says nothing about the case.
    private static string DomainOf(string email) => email[(email.LastIndexOf('@') + 1)..];

    /// <summary>Approves or declines a pending request. Only its approver role may; an approved draft is queued from the team address.</summary>
    public async Task<MessageResult?> DecideAsync(ApprovalRequest request, Case @case, bool approve, string? note, string actor, IReadOnlyCollection<string> actorRoles, CancellationToken ct)
    {
        if (request.State != ApprovalState.Pending || !actorRoles.Contains(request.ApproverRole))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var contact = await db.Set<Contact>().Include(c => c.Organization).FirstAsync(c => c.Id == request.ContactId, ct);
        MessageResult result = new(MessageOutcome.Queued);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (approve)
        {
            var participant = await db.Set<CaseParticipant>().FirstOrDefaultAsync(p => p.CaseId == @case.Id && p.ContactId == contact.Id, ct);
            result = await QueueAsync(@case, contact, participant, request.Subject, request.Body, actor, "coordination.approval-sent", ct);
            if (result.Outcome != MessageOutcome.Queued)
            {
                return result;
            }
        }
        request.State = approve ? ApprovalState.Approved : ApprovalState.Declined;
        request.DecidedBy = actor;
        request.DecidedAt = now;
        request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.Timeline.Add(new TimelineEntry
        {
            CaseId = @case.Id,
            At = now,
            Actor = actor,
            Action = approve ? "coordination.approved" : "coordination.declined",
            Detail = $"{contact.Email}" + (request.DecisionNote is null ? "" : $" — {request.DecisionNote}"),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }
}
