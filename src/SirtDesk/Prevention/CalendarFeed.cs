using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SirtDesk.Cases;
using SirtDesk.Data;
using SirtDesk.Inventory;
using SirtDesk.PublicSite;
using SirtDesk.Sla;
using SirtDesk.Staff;

namespace SirtDesk.Prevention;

/// <summary>One thing on the team calendar: an assessment day, a review's due time or an SLA due time. Instants are UTC.</summary>
public sealed record CalendarEntry(string Uid, string Kind, DateTimeOffset Start, DateTimeOffset? End, LocalizedText Summary, string Team, string Link);

/// <summary>What the calendar page and the feed show, for the teams a person sees.</summary>
public sealed class CalendarEntries(SirtDb db, SlaBoard board, SlaSettings sla)
{
    public async Task<List<CalendarEntry>> BetweenAsync(IReadOnlyList<string>? teams, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        var calendars = await sla.CalendarsAsync(ct);
        var entries = new List<CalendarEntry>();
        // Dates are compared a day wider than the instants, then the instants decide (zones differ per team).
        var fromDay = DateOnly.FromDateTime(from.UtcDateTime).AddDays(-1);
        var toDay = DateOnly.FromDateTime(to.UtcDateTime).AddDays(1);

        var assessments = await (from a in db.Set<Assessment>()
                                 join p in db.Set<AssessmentPlan>() on a.PlanId equals p.Id
                                 join pr in db.Set<Product>() on p.ProductId equals pr.Id
                                 where (a.Status == AssessmentStatuses.Planned || a.Status == AssessmentStatuses.InProgress)
                                       && a.ScheduledOn >= fromDay && a.ScheduledOn <= toDay && (teams == null || teams.Contains(pr.Team))
                                 select new { a.Id, a.ScheduledOn, PlanId = p.Id, p.Kind, p.Performer, pr.NameJa, pr.NameEn, pr.Team }).ToListAsync(ct);
        foreach (var a in assessments)
        {
            var calendar = calendars(a.Team);
            var kind = a.Kind == AssessmentKinds.PenetrationTest ? new LocalizedText("ペネトレーションテスト", "Penetration test") : new LocalizedText("Web アプリケーション診断", "Web application assessment");
            entries.Add(new($"assessment-{a.Id}", "assessment", AssessmentSchedule.Opening(calendar, a.ScheduledOn), AssessmentSchedule.Closing(calendar, a.ScheduledOn),
                new($"{kind.Ja}: {a.NameJa}（{a.Performer}）", $"{kind.En}: {a.NameEn} ({a.Performer})"), a.Team, $"/staff/assessments/{a.PlanId}"));
        }

        var reviews = await db.Set<PlanReview>().Where(r => r.SignedOffAt == null && r.DueOn >= fromDay && r.DueOn <= toDay && (teams == null || teams.Contains(r.Team)))
            .Select(r => new { r.Id, r.Kind, r.Title, r.DueOn, r.Team }).ToListAsync(ct);
        foreach (var r in reviews)
        {
            var kind = r.Kind == ReviewKinds.VerificationPlan ? new LocalizedText("検証計画レビュー期限", "Verification-plan review due") : new LocalizedText("対応計画レビュー期限", "Incident-response-plan review due");
            entries.Add(new($"review-{r.Id}", "review", AssessmentSchedule.Closing(calendars(r.Team), r.DueOn), null,
                new($"{kind.Ja}: {r.Title}", $"{kind.En}: {r.Title}"), r.Team, $"/staff/reviews/{r.Id}"));
        }

        var open = db.Cases.Where(c => c.Status != CaseStatus.Closed && (teams == null || teams.Contains(c.Team)));
        foreach (var c in await board.ComputeAsync(open, now, ct))
        {
            foreach (var k in c.Clocks.Where(k => k.MetAt is null && k.Due is not null))
            {
                entries.Add(new($"sla-{c.CaseId}-{k.Kind.ToString().ToLowerInvariant()}", "sla", k.Due!.Value.ToUniversalTime(), null,
                    new($"SLA {k.Kind} 期限: {c.Number} {c.Title}", $"SLA {k.Kind} due: {c.Number} {c.Title}"), c.Team, $"/staff/cases/{c.Number}"));
            }
        }
        return [.. entries.Where(e => e.Start >= from && e.Start < to).OrderBy(e => e.Start).ThenBy(e => e.Uid, StringComparer.Ordinal)];
    }
}

/// <summary>RFC 5545 text: one VCALENDAR of VEVENTs in UTC, TEXT values escaped, lines folded at 75 octets, CRLF.</summary>
public static class ICalendar
{
    public static string Write(IEnumerable<CalendarEntry> entries, string language, string host, string baseUrl, DateTimeOffset stamp, string name)
    {
        var sb = new StringBuilder();
        void Line(string text)
        {
            Fold(sb, text);
        }
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//SirtDesk//Prevention calendar//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        foreach (var e in entries)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{Escape(e.Uid)}@{Escape(host)}");
            Line("DTSTAMP:" + Utc(stamp));
            Line("DTSTART:" + Utc(e.Start));
            if (e.End is { } end && end > e.Start)
            {
                Line("DTEND:" + Utc(end));
            }
            Line("SUMMARY:" + Escape(e.Summary.For(language)));
            Line("CATEGORIES:" + Escape(e.Kind));
            Line("URL:" + baseUrl.TrimEnd('/') + e.Link);
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines; other control characters are dropped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n': break;
                case '\r' or '\n' or '\u2028' or '\u2029': sb.Append(@"\n"); break;
                default:
                    if (!char.IsControl(ch) || ch == '\t')
                    {
                        sb.Append(ch);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Content lines longer than 75 octets are folded (CRLF + space) between characters, never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            sb.Append(element);
            octets += size;
        }
        sb.Append("\r\n");
    }
}

/// <summary>
/// The per-user secret in a feed URL (<c>?token=ID.SECRET</c>), so calendar apps subscribe without a session. Only the
/// secret's SHA-256 is kept; creating a new one replaces the old (rotation).
/// </summary>
public sealed class CalendarTokens(SirtDb db, TimeProvider clock)
{
    public async Task<string> RotateAsync(string userId, CancellationToken ct)
    {
        await db.Set<CalendarToken>().Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new CalendarToken { UserId = userId, SecretHash = StaffAccounts.Hash(secret), CreatedAt = clock.GetUtcNow() };
        db.Add(token);
        await db.SaveChangesAsync(ct);
        return $"{token.Id}.{secret}";
    }

    public Task<bool> HasTokenAsync(string userId, CancellationToken ct) => db.Set<CalendarToken>().AnyAsync(t => t.UserId == userId, ct);

    /// <summary>The user a token stands for, or null. The secret's hash is compared in constant time.</summary>
    public async Task<string?> ResolveAsync(string? token, CancellationToken ct)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0 || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var stored = await db.Set<CalendarToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        var given = Convert.FromHexString(StaffAccounts.Hash(token[(dot + 1)..]));
        var expected = stored is null ? new byte[given.Length] : Convert.FromHexString(stored.SecretHash);
        return CryptographicOperations.FixedTimeEquals(given, expected) && stored is not null ? stored.UserId : null;
    }
}
