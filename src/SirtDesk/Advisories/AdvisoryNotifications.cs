using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Web;

namespace SirtDesk.Advisories;

/// <summary>
/// Customer e-mail notices of new and updated advisories: double opt-in (a confirmation link), one-click
/// unsubscribe (RFC 8058 headers and a link). Every mail is an outbox row written in the caller's transaction.
/// </summary>
public sealed class AdvisoryNotifications(SirtDb db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Records a pending subscription and queues the confirmation mail; false for an address that is not one.</summary>
    public async Task<bool> SubscribeAsync(string? email, string lang, string baseUrl, CancellationToken ct)
    {
        var address = email?.Trim() ?? "";
        if (address.Length is 0 or > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return false;
        }
        var now = clock.GetUtcNow();
        // One confirmation mail per address and day, however often the form is sent: the form must not become a way
        // to flood someone else's mailbox. (Instants are compared in memory: SQLite stores them as text.) Case variants
        // of an address reach the same mailbox, so they count as one: SQL lower() folds ASCII letters on every
        // provider, hence the ASCII-only lowering here; the exact comparison keeps other addresses as they were.
        var folded = AsciiLower(address);
        var earlier = await db.Set<AdvisorySubscription>()
            .Where(s => (s.Email == address || s.Email.ToLower() == folded) && s.ConfirmedAt == null && s.UnsubscribedAt == null)
            .Select(s => s.CreatedAt).ToListAsync(ct);
        if (earlier.Any(at => now - at < TimeSpan.FromDays(1)))
        {
            return true;
        }
        var subscription = new AdvisorySubscription
        {
            Email = address,
            Language = lang == "en" ? "en" : "ja",
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            CreatedAt = now,
        };
        db.Add(subscription);
        var link = $"{baseUrl.TrimEnd('/')}/{subscription.Language}/advisories/subscription/{subscription.Token}";
        db.Outbox.Add(new OutboxMessage
        {
            Kind = "advisory-subscription",
            Recipient = address,
            Language = subscription.Language,
            Subject = l.In(subscription.Language, "AdvisoryMailConfirmSubject"),
            Body = l.In(subscription.Language, "AdvisoryMailConfirmBody", link, l.In(subscription.Language, "AdvisoryConfirm")),
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string AsciiLower(string text) => string.Create(text.Length, text, (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(t[i]) ? (char)(t[i] | 0x20) : t[i];
        }
    });

    public Task<AdvisorySubscription?> FindAsync(string token, CancellationToken ct) =>
        db.Set<AdvisorySubscription>().FirstOrDefaultAsync(s => s.Token == token, ct);

    public async Task<bool> ConfirmAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not { UnsubscribedAt: null } s)
        {
            return false;
        }
        s.ConfirmedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> UnsubscribeAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not { } s)
        {
            return false;
        }
        s.UnsubscribedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Queues a notice of a newly published revision to every confirmed subscriber (public advisories only); the caller saves.</summary>
    public async Task QueueAsync(Advisory advisory, AdvisoryRevision revision, string baseUrl, CancellationToken ct)
    {
        var content = advisory.Content;
        if (content.Tlp != "CLEAR")
        {
            return;
        }
        var subscribers = await db.Set<AdvisorySubscription>().Where(s => s.ConfirmedAt != null && s.UnsubscribedAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        baseUrl = baseUrl.TrimEnd('/');
        foreach (var s in subscribers)
        {
            var title = content.Title.For(s.Language);
            var kind = l.In(s.Language, revision.Number == 1 ? "AdvisoryFeedNew" : "AdvisoryMailUpdated");
            var unsubscribe = $"{baseUrl}/advisories/unsubscribe/{s.Token}";
            db.Outbox.Add(new OutboxMessage
            {
                Kind = "advisory-notice",
                Recipient = s.Email,
                Language = s.Language,
                Team = advisory.Team,
                Subject = $"[{advisory.Number}] {kind}: {title}",
                Body = l.In(s.Language, "AdvisoryMailNoticeBody", title, content.Summary.For(s.Language), revision.Number,
                    AdvisoryOperations.RevisionSummary(revision.Summary, l, s.Language), $"{baseUrl}/{(s.Language == "en" ? "en" : "ja")}/advisories/{advisory.Number}", unsubscribe),
                CreatedAt = now,
                ListUnsubscribe = unsubscribe,
            });
        }
    }
}
