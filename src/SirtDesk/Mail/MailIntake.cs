using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Text;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.PublicSite;

namespace SirtDesk.Mail;

public enum MailOutcome
{
    /// <summary>Stored as a new report (or, for a reply of someone on the case, on that case).</summary>
    Stored,

    /// <summary>The same message (by Message-ID) was stored before; nothing new was written.</summary>
    Duplicate,

    /// <summary>Unusable; kept in quarantine with the reason.</summary>
    Quarantined,
}

/// <summary>What happened to one inbound message. The tracking number is the report's (for a duplicate, the earlier one's).</summary>
public sealed record MailAcceptance(MailOutcome Outcome, string? TrackingNumber, string? CaseNumber, string? Reason);

/// <summary>
/// Turns one raw RFC 5322 message that arrived at a team address into a report, durably, or into a quarantined
/// message with a reason. Used by <c>sirtdesk mailgate</c> and the IMAP poller alike. Returns only after the
/// outcome is committed; throws when the database is unavailable (the caller retries later).
/// </summary>
public sealed partial class MailIntake(
    IServiceScopeFactory scopes, IntakeWriter writer, ProfileStore profiles, AtRestCipher cipher, TimeProvider clock,
    IOptions<MailOptions> options, IConfiguration config, ILogger<MailIntake> log)
{
    public async Task<MailAcceptance> AcceptAsync(string team, byte[] raw, CancellationToken ct)
    {
        var limits = options.Value;
        var profile = await profiles.GetAsync(ct);
        if (profile.Team(team) is null)
        {
            throw new ArgumentException($"Unknown team '{team}'.", nameof(team));
        }
        if (raw.LongLength > limits.MaxMessageBytes)
        {
            return await QuarantineAsync(team, raw, null, $"The message is larger than {limits.MaxMessageBytes / (1024 * 1024)} MB.", ct);
        }
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(new ParserOptions { MaxMimeDepth = limits.MaxMimeDepth + 1 }, new MemoryStream(raw), ct);
        }
        catch (Exception e) when (e is FormatException or ParseException or IOException)
        {
            return await QuarantineAsync(team, raw, null, "The message could not be parsed as MIME.", ct);
        }
        if (Depth(message.Body, 0) > limits.MaxMimeDepth)
        {
            return await QuarantineAsync(team, raw, message, $"The message nests MIME parts deeper than {limits.MaxMimeDepth} levels.", ct);
        }
        var sender = (message.From.Mailboxes.FirstOrDefault() ?? message.Sender ?? message.ReplyTo.Mailboxes.FirstOrDefault())?.Address?.Trim();
        if (string.IsNullOrWhiteSpace(sender) || !sender.Contains('@', StringComparison.Ordinal) || sender.Length > 320)
        {
            return await QuarantineAsync(team, raw, message, "The message has no usable sender address.", ct);
        }
        var address = sender.ToLowerInvariant();
        // Without a Message-ID, the message's own hash stands in for it, so a second delivery is still recognised.
        var messageId = Clip(message.MessageId, 998) is { Length: > 0 } id ? id : SyntheticMessageId(raw);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        // A duplicate has the same Message-ID and the same sender: someone who only copies a Message-ID cannot make
        // another person's report vanish as a "duplicate".
        var earlier = await db.Reports.AsNoTracking().Where(r => r.MessageId == messageId && r.Team == team && r.ReporterEmail == address)
            .Select(r => new { r.TrackingNumber, Case = r.Case == null ? null : r.Case.Number }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
        {
            return new MailAcceptance(MailOutcome.Duplicate, earlier.TrackingNumber, earlier.Case, null);
        }

        var keys = scope.ServiceProvider.GetRequiredService<TeamKeys>();
        var keyring = await keys.KeyringAsync(ct);
        Content content;
        try
        {
            content = Open(message, keyring, limits, clock.GetUtcNow());
        }
        catch (UndecryptableException e)
        {
            return await QuarantineAsync(team, raw, message, e.Message, ct);
        }
        catch (Exception e) when (e is FormatException or ParseException or IOException or Org.BouncyCastle.Bcpg.OpenPgp.PgpException)
        {
            return await QuarantineAsync(team, raw, message, $"The message could not be read ({e.GetType().Name}).", ct);
        }

        var intake = scope.ServiceProvider.GetRequiredService<IOptions<IntakeOptions>>().Value;
        if (content.Attachments.Count > intake.MaxAttachments)
        {
            return await QuarantineAsync(team, raw, message, $"The message has more than {intake.MaxAttachments} attachments.", ct);
        }
        if (content.Attachments.FirstOrDefault(a => a.Content.LongLength > intake.MaxAttachmentBytes) is { } big)
        {
            return await QuarantineAsync(team, raw, message, $"An attachment is larger than {intake.MaxAttachmentBytes / (1024 * 1024)} MB.", ct);
        }

        // Keys that came with the mail become partner keys of the sender (not verified out of band), but only keys
        // for the sender's own address: anyone can send mail, and a key planted for a partner's address would be
        // used to encrypt to that partner and would make the planter's signatures look like the partner's.
        foreach (var key in content.Keys)
        {
            IReadOnlyList<Org.BouncyCastle.Bcpg.OpenPgp.PgpPublicKeyRing> rings;
            try
            {
                rings = OpenPgp.ReadPublic(key);
            }
            catch (InvalidDataException)
            {
                rings = [];
            }
            var own = rings.Where(r => OpenPgp.Facts(r).Email == address).ToList();
            if (own.Count > 0)
            {
                await keys.ImportPartnerAsync([.. own.SelectMany(OpenPgp.Binary)], "mail-attachment", ct);
            }
            if (own.Count < rings.Count || rings.Count == 0)
            {
                // Not a key, or a key for someone else: it stays an ordinary attachment for a person to judge.
                content.Attachments.Add(new IncomingAttachment("key.asc", "application/pgp-keys", key));
            }
        }

        var (joinCase, claimed) = await ThreadAsync(db, team, message, sender, ct);
        var acknowledge = joinCase is null && !IsAutomatic(message, sender) && await RepliesTodayAsync(db, sender, clock.GetUtcNow(), ct) < limits.MaxAutoRepliesPerDay;
        var kind = profile.Team(team)!.Handles.Contains("vulnerability", StringComparer.Ordinal) ? ReportKind.Vulnerability : ReportKind.Incident;
        var text = content.Text.Replace("\0", "", StringComparison.Ordinal);
        if (Encoding.UTF8.GetByteCount(text) > intake.MaxTextFieldBytes)
        {
            // The description stays as small as a form's; the whole text is an attachment when it fits, and the
            // original message is kept with the report either way.
            var full = Encoding.UTF8.GetBytes(text);
            var attached = full.LongLength <= intake.MaxAttachmentBytes;
            if (attached)
            {
                content.Attachments.Add(new IncomingAttachment("message.txt", "text/plain", full));
            }
            var note = attached
                ? $"\n\n[…] (The message text is {full.LongLength / 1024} kB; it is shortened here and attached whole as message.txt.)"
                : $"\n\n[…] (The message text is {full.LongLength / 1024} kB; it is shortened here and kept whole in the original message.)";
            text = ClipUtf8(text, intake.MaxTextFieldBytes - 256) + note;
        }
        var subject = (message.Subject ?? "").Replace("\0", "", StringComparison.Ordinal).Trim();
        var report = new NewReport(
            joinCase?.Kind == "incident" ? ReportKind.Incident : joinCase is null ? kind : ReportKind.Vulnerability,
            LooksJapanese(subject + text) ? "ja" : "en",
            "email",
            Clip(subject.Length == 0 ? "(no subject)" : subject, 500)!,
            text.Length == 0 ? "(empty message)" : text,
            null, null, null, null, null, null, null, null, null, null, null, null, null,
            Clip(message.From.Mailboxes.FirstOrDefault()?.Name, 200),
            address,
            null, null, "name",
            content.Attachments,
            new MailFacts(team, messageId, content.Encryption, content.Signature, content.Signer, raw, joinCase?.Id, joinCase?.Number, acknowledge, claimed));
        var receipt = await writer.SubmitAsync(report, PublicSiteModule.BaseUrl(config), ct);
        LogStored(log, team, content.Encryption, content.Signature);
        return new MailAcceptance(MailOutcome.Stored, receipt.TrackingNumber, joinCase?.Number, null);
    }

    /// <summary>
    /// The database could not be reached (connection refused or lost, file cannot be opened, locked, disk full):
    /// it will pass, and says nothing about the message. Constraint or data errors and bugs are not outages.
    /// </summary>
    public static bool IsOutage(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is TimeoutException or System.Net.Sockets.SocketException or IOException
                || x is Npgsql.NpgsqlException { IsTransient: true }
                || x is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 13 or 14 or 26 })
            {
                return true;
            }
        }
        return false;
    }

    private const string SyntheticDomain = "@sirtdesk.invalid";

    /// <summary>The stand-in Message-ID of a message that has none: the SHA-256 of its bytes.</summary>
    public static string SyntheticMessageId(byte[] raw) => "sha256." + Convert.ToHexStringLower(SHA256.HashData(raw)) + SyntheticDomain;

    public static bool IsSyntheticMessageId(string messageId) => messageId.EndsWith(SyntheticDomain, StringComparison.Ordinal);

    private static string ClipUtf8(string text, int maxBytes)
    {
        var length = Math.Min(text.Length, maxBytes);
        while (length > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > maxBytes)
        {
            length = Math.Max(0, length - Math.Max(1, (Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) - maxBytes) / 3));
        }
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }
        return text[..length];
    }

    private sealed record Content(string Text, List<IncomingAttachment> Attachments, List<byte[]> Keys, string Encryption, string Signature, string? Signer);

    private static Content Open(MimeMessage message, Keyring keyring, MailOptions limits, DateTimeOffset now)
    {
        var encryption = "none";
        var signature = SignatureStates.None;
        string? signer = null;
        var body = message.Body ?? new TextPart("plain") { Text = "" };
        if (body is MultipartEncrypted encrypted)
        {
            if (encrypted.Count < 2 || encrypted[1] is not MimePart payload || payload.Content is null)
            {
                throw new UndecryptableException("The PGP/MIME message has no encrypted part.");
            }
            using var buffer = new MemoryStream();
            payload.Content.DecodeTo(buffer);
            var decrypted = keyring.Decrypt(buffer.ToArray(), limits.MaxDecryptedBytes, now);
            encryption = "pgp-mime";
            (signature, signer) = (decrypted.Signature, decrypted.SignerFingerprint);
            body = MimeEntity.Load(new ParserOptions { MaxMimeDepth = limits.MaxMimeDepth + 1 }, new MemoryStream(decrypted.Plaintext));
            if (Depth(body, 0) > limits.MaxMimeDepth)
            {
                throw new UndecryptableException($"The decrypted message nests MIME parts deeper than {limits.MaxMimeDepth} levels.");
            }
        }
        if (body is MultipartSigned signed)
        {
            // Only OpenPGP signatures can be checked here; an S/MIME signature is "none", not "bad".
            var protocol = signed.ContentType.Parameters["protocol"]?.Trim();
            if (string.Equals(protocol, "application/pgp-signature", StringComparison.OrdinalIgnoreCase))
            {
                (signature, signer) = Verify(signed, keyring, now);
            }
            body = signed.Count > 0 ? signed[0] : body;
        }

        var text = new StringBuilder();
        var attachments = new List<IncomingAttachment>();
        var keys = new List<byte[]>();
        foreach (var part in Parts(body))
        {
            if (part is TextPart t && !t.IsAttachment && (t.IsPlain || t.IsHtml))
            {
                var value = t.IsHtml ? HtmlAsText(t.Text) : t.Text;
                if (PgpMessages.InlineBlock(value) is { } inline)
                {
                    var decrypted = keyring.Decrypt(Encoding.ASCII.GetBytes(inline.Block), limits.MaxDecryptedBytes, now);
                    encryption = encryption == "none" ? "inline-pgp" : encryption;
                    if (decrypted.Signature != SignatureStates.None)
                    {
                        (signature, signer) = (decrypted.Signature, decrypted.SignerFingerprint);
                    }
                    value = inline.Before + DecodeText(decrypted.Plaintext) + inline.After;
                }
                if (ClearSigned.Verify(value, keyring.Signer, now) is { } clear)
                {
                    // A good signature vouches for the mail only when the signed block is all of its text: a signed
                    // block copied into someone else's words leaves the mail unsigned. A bad signature found elsewhere
                    // in the message is never replaced by a better state.
                    var whole = string.IsNullOrWhiteSpace(clear.Before) && string.IsNullOrWhiteSpace(clear.After);
                    var state = clear.Signature == SignatureStates.Valid && !whole ? SignatureStates.None : clear.Signature;
                    if (signature != SignatureStates.Bad && state != SignatureStates.None)
                    {
                        (signature, signer) = (state, clear.SignerFingerprint);
                    }
                    value = clear.Before + clear.Cleartext + clear.After;
                }
                Append(text, value);
                continue;
            }
            if (part is MimePart mime && mime.Content is not null)
            {
                using var buffer = new MemoryStream();
                mime.Content.DecodeTo(buffer);
                var data = buffer.ToArray();
                if (mime.ContentType.IsMimeType("application", "pgp-keys") || Encoding.ASCII.GetString(data, 0, Math.Min(data.Length, 64)).Contains("BEGIN PGP PUBLIC KEY BLOCK", StringComparison.Ordinal))
                {
                    keys.Add(data);
                    continue;
                }
                if (mime.ContentType.IsMimeType("application", "pgp-signature"))
                {
                    continue;
                }
                attachments.Add(new IncomingAttachment(
                    Clip(mime.FileName, 255) is { Length: > 0 } name ? name : "attachment.bin",
                    Clip(mime.ContentType.MimeType, 127) ?? "application/octet-stream",
                    data));
            }
            else if (part is MessagePart embedded && embedded.Message is not null)
            {
                using var buffer = new MemoryStream();
                embedded.Message.WriteTo(buffer);
                attachments.Add(new IncomingAttachment("forwarded.eml", "message/rfc822", buffer.ToArray()));
            }
        }
        return new Content(text.ToString().Trim(), attachments, keys, encryption, signature, signer);
    }

    private static (string Status, string? Signer) Verify(MultipartSigned signed, Keyring keyring, DateTimeOffset now)
    {
        try
        {
            using var context = keyring.Context(null);
            var signatures = signed.Verify(context);
            var first = signatures.FirstOrDefault();
            if (first is null)
            {
                return (SignatureStates.Bad, null);
            }
            var fingerprint = first.SignerCertificate?.Fingerprint?.ToUpperInvariant();
            bool valid;
            try
            {
                valid = first.Verify();
            }
            catch (DigitalSignatureVerifyException)
            {
                return (SignatureStates.UnknownKey, null);
            }
            if (!valid)
            {
                return (SignatureStates.Bad, fingerprint);
            }
            var expired = first.SignerCertificate?.ExpirationDate is { } e && e != DateTime.MaxValue && new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) <= now;
            return (expired ? SignatureStates.Expired : SignatureStates.Valid, fingerprint);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or Org.BouncyCastle.Bcpg.OpenPgp.PgpException or IOException)
        {
            return (SignatureStates.Bad, null);
        }
    }

    private static IEnumerable<MimeEntity> Parts(MimeEntity entity)
    {
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var p in Parts(child))
                {
                    yield return p;
                }
            }
        }
        else
        {
            yield return entity;
        }
    }

    private static int Depth(MimeEntity? entity, int level) => entity switch
    {
        Multipart m => m.Count == 0 ? level + 1 : m.Max(c => Depth(c, level + 1)),
        MessagePart p => Depth(p.Message?.Body, level + 1),
        _ => level,
    };

    /// <summary>HTML is never rendered: it becomes plain text here and is shown like any other text.</summary>
    public static string HtmlAsText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skip = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag)
            {
                if (tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title)
                {
                    skip = tag.IsEndTag ? Math.Max(0, skip - 1) : tag.IsEmptyElement ? skip : skip + 1;
                }
                else if (tag.Id is HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.H1 or HtmlTagId.H2
                    or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6 or HtmlTagId.Pre or HtmlTagId.BlockQuote or HtmlTagId.Table)
                {
                    text.Append('\n');
                }
                else if (tag.Id == HtmlTagId.A && !tag.IsEndTag && tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value is { Length: > 0 } href)
                {
                    // Links stay visible as text, never as links.
                    text.Append('<').Append(href).Append("> ");
                }
            }
            else if (token is HtmlDataToken data && skip == 0)
            {
                text.Append(data.Data);
            }
        }
        return Regex.Replace(text.ToString(), @"\n{3,}", "\n\n").Trim();
    }

    private static string DecodeText(byte[] data)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(data);
        }
    }

    private static void Append(StringBuilder text, string value)
    {
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }
        text.Append(value);
    }

    /// <summary>Replies, out-of-office notices, lists and bounces get no automatic answer (RFC 3834).</summary>
    public static bool IsAutomatic(MimeMessage message, string sender)
    {
        var h = message.Headers;
        if (h["Auto-Submitted"] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (h["Precedence"] is { } p && p.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            return true;
        }
        if (h.Contains("List-Id") || h.Contains("List-Unsubscribe") || h.Contains("X-Autoreply") || h.Contains("X-Autorespond") || h.Contains("X-Auto-Response-Suppress"))
        {
            return true;
        }
        if (h["Return-Path"] is { } rp && rp.Trim() == "<>")
        {
            return true;
        }
        if (message.Body?.ContentType.IsMimeType("multipart", "report") == true)
        {
            return true;
        }
        var local = sender.Split('@')[0].ToLowerInvariant();
        return local is "mailer-daemon" or "postmaster" or "noreply" or "no-reply" or "do-not-reply" or "donotreply";
    }

    private static async Task<int> RepliesTodayAsync(SirtDb db, string sender, DateTimeOffset now, CancellationToken ct)
    {
        var address = sender.ToLowerInvariant();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Recipient == address && o.Kind == "report-acknowledgement")
            .OrderByDescending(o => o.Id).Take(50).Select(o => o.CreatedAt).ToListAsync(ct);
        return rows.Count(at => at > now.AddHours(-24));
    }

    [GeneratedRegex(@"\[([A-Z][A-Z0-9]{1,15}-\d{4}-\d{4,6})\]", RegexOptions.CultureInvariant, 100)]
    private static partial Regex CaseTag();

    /// <summary>
    /// The case a reply belongs to, by subject tag or by the Message-IDs it answers, but only when the sender is
    /// already a participant of that case (one of its reporters or a contact added to it). A tag from anyone else is only noted (claimed) for review.
    /// </summary>
    private static async Task<(Cases.Case? Join, string? Claimed)> ThreadAsync(SirtDb db, string team, MimeMessage message, string sender, CancellationToken ct)
    {
        var numbers = CaseTag().Matches(message.Subject ?? "").Select(m => m.Groups[1].Value).Distinct().Take(5).ToList();
        var candidates = new List<Cases.Case>();
        foreach (var number in numbers)
        {
            if (await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Number == number && c.Team == team, ct) is { } c)
            {
                candidates.Add(c);
            }
        }
        var referenced = message.References.Concat(message.InReplyTo is null ? [] : [message.InReplyTo]).Select(id => Clip(id, 998)!).Distinct().Take(20).ToList();
        foreach (var id in referenced)
        {
            var caseId = await db.Reports.AsNoTracking().Where(r => r.MessageId == id && r.CaseId != null && r.Team == team).Select(r => r.CaseId).FirstOrDefaultAsync(ct)
                ?? await db.Outbox.AsNoTracking().Where(o => o.MessageId == id && o.CaseId != null).Select(o => o.CaseId).FirstOrDefaultAsync(ct);
            if (caseId is { } found && candidates.All(c => c.Id != found) && await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == found && c.Team == team, ct) is { } c)
            {
                candidates.Add(c);
            }
        }
        var address = sender.ToLowerInvariant();
        foreach (var c in candidates)
        {
            // Participants: the case's reporters and the contacts added to it (vendors, coordinators such as JPCERT/CC).
            if (await db.Reports.AnyAsync(r => r.CaseId == c.Id && r.ReporterEmail == address, ct)
                || await db.Set<Coordination.CaseParticipant>().AnyAsync(p => p.CaseId == c.Id && p.Contact!.Email.ToLower() == address, ct))
            {
                return (c, null);
            }
        }
        return (null, candidates.FirstOrDefault()?.Number);
    }

    /// <summary>
    /// Quarantines a message that processing failed on for a reason of SirtDesk's own (a bug, or data the database
    /// refuses), so that it is kept and seen rather than retried for ever or bounced. Throws, like
    /// <see cref="AcceptAsync"/>, when the database is unavailable.
    /// </summary>
    public Task<MailAcceptance> QuarantineFailedAsync(string team, byte[] raw, Exception error, CancellationToken ct)
    {
        MimeMessage? message;
        try
        {
            message = MimeMessage.Load(new ParserOptions { MaxMimeDepth = options.Value.MaxMimeDepth + 1 }, new MemoryStream(raw), ct);
        }
        catch (Exception e) when (e is FormatException or ParseException or IOException)
        {
            message = null;
        }
        return QuarantineAsync(team, raw, message, $"SirtDesk could not process the message ({error.GetType().Name}).", ct);
    }

    private async Task<MailAcceptance> QuarantineAsync(string team, byte[] raw, MimeMessage? message, string reason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var sha = Convert.ToHexStringLower(SHA256.HashData(raw));
        if (!await db.QuarantinedMail.AnyAsync(q => q.Sha256 == sha && q.Team == team, ct))
        {
            db.QuarantinedMail.Add(new QuarantinedMail
            {
                Team = team,
                ReceivedAt = clock.GetUtcNow(),
                Reason = reason,
                Sender = Clip(message?.From.Mailboxes.FirstOrDefault()?.Address, 320),
                Subject = Clip(message?.Subject, 500),
                MessageId = Clip(message?.MessageId, 998),
                Length = raw.LongLength,
                Sha256 = sha,
                Sealed = cipher.Seal(raw),
            });
            await db.SaveChangesAsync(ct);
        }
        LogQuarantined(log, team, reason);
        return new MailAcceptance(MailOutcome.Quarantined, null, null, reason);
    }

    private static string? Clip(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }
        var v = value.Replace("\0", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim();
        return v.Length <= max ? v : v[..max];
    }

    private static bool LooksJapanese(string text) =>
        text.Any(c => c is (>= '\u3040' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uFF66' and <= '\uFF9F'));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail for {Team} stored (encryption {Encryption}, signature {Signature})")]
    private static partial void LogStored(ILogger logger, string team, string encryption, string signature);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for {Team} quarantined: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string team, string reason);
}
