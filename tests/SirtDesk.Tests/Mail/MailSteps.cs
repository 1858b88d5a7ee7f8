using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>An app whose outgoing mail goes to a capture SMTP server that is already running; rounds run every second.</summary>
public sealed class MailApp : SirtDeskApp
{
    public SmtpCapture Smtp { get; }

    public MailApp()
    {
        Smtp = new SmtpCapture().Start();
        SmtpPort = Smtp.Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>An app on a fake clock whose SMTP server is down until a test starts it; the tests run the rounds.</summary>
public class MailClockApp : SirtDeskApp
{
    public SmtpCapture Smtp { get; } = new();

    public MailClockApp()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        SmtpPort = Smtp.Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

public sealed class MailGiveUpApp : MailClockApp
{
    public MailGiveUpApp() => SmtpMaxAttempts = 2;
}

public static partial class MailSteps
{
    public static async Task<TeamKey> GenerateTeamKeyAsync(this SirtDeskApp app, string team, string algorithm, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeamKeys>().GenerateAsync(team, userId, algorithm, null, CancellationToken.None);
    }

    public static async Task ImportPartnerKeyAsync(this SirtDeskApp app, string armored)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TeamKeys>().ImportPartnerAsync(Encoding.ASCII.GetBytes(armored), "upload", CancellationToken.None);
    }

    public static async Task<long> QueueAsync(this SirtDeskApp app, OutboxMessage row)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDesk.Data.SirtDb>();
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    public static Task<OutboxMessage> OutboxAsync(this SirtDeskApp app, long id) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id));

    public static Task<List<OutboxMessage>> OutboxToAsync(this SirtDeskApp app, string recipient) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(o => o.Recipient == recipient).OrderBy(o => o.Id).ToListAsync());

    /// <summary>Waits until the background rounds have recorded the outcome of every row to <paramref name="recipient"/>.</summary>
    public static async Task<OutboxMessage> SettledRowAsync(this SirtDeskApp app, string recipient)
    {
        for (var i = 0; i < 150; i++)
        {
            var rows = await app.OutboxToAsync(recipient);
            if (rows.Count > 0 && rows.All(r => r.SentAt is not null || r.GivenUpAt is not null))
            {
                return rows[^1];
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The outbox row to {recipient} was not settled.");
    }

    /// <summary>Submits the public vulnerability form as a browser does; returns the tracking number from the receipt.</summary>
    public static async Task<string> SubmitVulnerabilityFormAsync(this SirtDeskApp app, string lang, string email, string title, string? pgpKey = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var url = $"/{lang}/report/vulnerability";
        var page = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpClientForms.Token(page),
            ["product"] = "雲川グループウェア",
            ["title"] = title,
            ["description"] = "検索欄の入力がエスケープされません。",
            ["reporter.email"] = email,
            ["reporter.credit"] = "anonymous",
        };
        if (pgpKey is not null)
        {
            fields["reporter.pgpKey"] = pgpKey;
        }
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v, Encoding.UTF8), k);
        }
        var response = await client.PostAsync(url, form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TrackingNumber().Match(html).Groups[1].Value;
    }

    /// <summary>
    /// The bytes a PGP/MIME signature covers (RFC 3156 §5): the first part of the multipart/signed exactly as it
    /// came over the wire, between the boundary line and the CRLF before the next boundary.
    /// </summary>
    public static byte[] SignedBytes(byte[] raw, string boundary)
    {
        var text = Encoding.Latin1.GetString(raw);
        var open = "--" + boundary + "\r\n";
        var start = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var end = text.IndexOf("\r\n--" + boundary, start, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[start..end]);
    }

    public static byte[] Content(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The OpenPGP message inside a PGP/MIME multipart/encrypted (its application/octet-stream part).</summary>
    public static byte[] EncryptedPayload(MimeMessage message)
    {
        var encrypted = Assert.IsType<MultipartEncrypted>(message.Body);
        Assert.Equal("application/pgp-encrypted", encrypted.ContentType.Parameters["protocol"]);
        return Content(Assert.IsType<MimePart>(encrypted[1]));
    }

    public static string Text(MimeEntity? entity) => Assert.IsType<TextPart>(entity).Text;

    [GeneratedRegex(@"((?:VR|IR)-\d{4}-\d{5})")]
    private static partial Regex TrackingNumber();
}
