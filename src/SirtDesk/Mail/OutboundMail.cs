using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;
using SirtDesk.Intake;

namespace SirtDesk.Mail;

/// <summary>The sub-team address a message leaves from.</summary>
public sealed record MailSender(string Team, string Name, string Address);

public sealed record ComposedMail(MimeMessage Message, bool Signed, bool Encrypted);

/// <summary>
/// Turns an outbox row into the message that goes on the wire: From the team's address, a text/plain UTF-8 body
/// with the team's footer, signed as PGP/MIME (RFC 3156) with the team's current key when it has one, and
/// encrypted when the recipient's key is known. Everything from the row that becomes a header is cleaned first,
/// so a CR/LF in a subject or an address cannot add headers.
/// </summary>
public static partial class OutboundMail
{
    public const int MaxSubjectLength = 250;

    public static ComposedMail Compose(OutboxMessage row, MailSender sender, MailboxAddress recipient, string messageId,
        Keyring keyring, PgpPublicKey? recipientKey, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(HeaderText(sender.Name), sender.Address));
        message.To.Add(recipient);
        message.Subject = HeaderText(row.Subject);
        message.Date = now;
        message.MessageId = messageId;
        if (MessageIdOrNull(row.InReplyTo) is { } parent)
        {
            message.InReplyTo = parent;
            message.References.Add(parent);
        }
        if (AutoSubmitted(row.Kind) is { } auto)
        {
            // RFC 3834: automatic answers say so, so that other responders do not answer them (no mail loops).
            message.Headers.Add("Auto-Submitted", auto);
        }
        if (Uri.TryCreate(row.ListUnsubscribe, UriKind.Absolute, out var unsubscribeUri) && unsubscribeUri.Scheme is "https" or "http")
        {
            // RFC 8058 one-click unsubscribe: the receiving mail client POSTs "List-Unsubscribe=One-Click" to the URL.
            message.Headers.Add("List-Unsubscribe", "<" + unsubscribeUri.AbsoluteUri + ">");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var teamKey = keyring.Current(sender.Team);
        var fingerprint = teamKey is null ? null : Convert.ToHexString(teamKey.GetPublicKey().GetFingerprint());
        var text = new TextPart(MimeKit.Text.TextFormat.Plain);
        text.SetText(Encoding.UTF8, row.Body.TrimEnd() + "\n\n" + MailFooter.Render(row.Language, sender, fingerprint));

        MimeEntity body = text;
        using var context = keyring.Context(sender.Team);
        if (teamKey is not null && recipientKey is not null)
        {
            body = MultipartEncrypted.SignAndEncrypt(context, teamKey.GetSecretKey(), DigestAlgorithm.Sha256, EncryptionAlgorithm.Aes256, [recipientKey], body);
        }
        else if (teamKey is not null)
        {
            body = MultipartSigned.Create(context, teamKey.GetSecretKey(), DigestAlgorithm.Sha256, body);
        }
        else if (recipientKey is not null)
        {
            body = MultipartEncrypted.Encrypt(context, EncryptionAlgorithm.Aes256, [recipientKey], body);
        }
        message.Body = body;
        return new ComposedMail(message, teamKey is not null, recipientKey is not null);
    }

    /// <summary>The value of Auto-Submitted for messages no person wrote: answers get auto-replied, notices auto-generated.</summary>
    public static string? AutoSubmitted(string kind) => kind switch
    {
        "report-acknowledgement" => "auto-replied",
        "sla-digest" => "auto-generated",
        "advisory-notice" or "advisory-subscription" => "auto-generated",
        _ => null,
    };

    /// <summary>Header text on one line: control characters (CR, LF, tab, …) become spaces, and the length is capped.</summary>
    public static string HeaderText(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxSubjectLength));
        var inBreak = false;
        foreach (var c in value)
        {
            if (builder.Length == MaxSubjectLength)
            {
                break;
            }
            var isBreak = char.IsControl(c) || c is '\u2028' or '\u2029';
            if (!isBreak || !inBreak)
            {
                builder.Append(isBreak ? ' ' : c); // a CR LF (or any run of control characters) becomes one space
            }
            inBreak = isBreak;
        }
        return builder.ToString().Trim();
    }

    /// <summary>A single plain address (local@domain, nothing else); anything that could carry a second address or a header is refused.</summary>
    public static MailboxAddress? Recipient(string value)
    {
        var address = value.Trim();
        if (address.Length is 0 or > 254 || !PlainAddress().IsMatch(address))
        {
            return null;
        }
        return MailboxAddress.TryParse(address, out var mailbox) && string.Equals(mailbox.Address, address, StringComparison.Ordinal) && string.IsNullOrEmpty(mailbox.Name)
            ? mailbox
            : null;
    }

    /// <summary>A Message-ID as MimeKit keeps it (without angle brackets), or null when it is not one.</summary>
    public static string? MessageIdOrNull(string? value) =>
        value is not null && value.Length <= 998 && MessageIdText().IsMatch(value) ? value : null;

    [GeneratedRegex(@"^[^\s\p{Cc}@,;:<>()\[\]""\\]+@[^\s\p{Cc}@,;:<>()\[\]""\\]+$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex PlainAddress();

    [GeneratedRegex(@"^[\x21-\x3B\x3D\x3F-\x7E]+$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex MessageIdText();
}

/// <summary>The last lines of every message: which team wrote, from which address, and the key it signs with.</summary>
public static class MailFooter
{
    public static string Render(string language, MailSender sender, string? fingerprint)
    {
        var lines = new List<string> { "-- ", $"{sender.Name} <{sender.Address}>" };
        if (fingerprint is not null)
        {
            var spaced = string.Join(' ', Enumerable.Range(0, fingerprint.Length / 4).Select(i => fingerprint.Substring(i * 4, 4)));
            lines.Add(language == "ja"
                ? $"このメールは OpenPGP で署名されています。鍵指紋: {spaced}"
                : $"This message is signed with OpenPGP. Key fingerprint: {spaced}");
        }
        return string.Join('\n', lines);
    }
}
