using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SirtDesk.Cases;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

/// <summary>Intent-named helpers for the mail tests: receive a message, look at what it became.</summary>
public static class MailTestKit
{
    public static async Task ImportPartnerKeyAsync(this SirtDeskApp app, byte[] armored)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TeamKeys>().ImportPartnerAsync(armored, "upload", CancellationToken.None);
    }

    /// <summary>What <c>mailgate</c> and the IMAP poller do with one message.</summary>
    public static Task<MailAcceptance> ReceiveMailAsync(this SirtDeskApp app, byte[] raw, string team = "psirt") =>
        app.Services.GetRequiredService<MailIntake>().AcceptAsync(team, raw, CancellationToken.None);

    public static Task<Report> ReportAsync(this SirtDeskApp app, string trackingNumber) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().Include(r => r.Attachments).SingleAsync(r => r.TrackingNumber == trackingNumber));

    public static Task<List<Report>> ReportsWithMessageIdAsync(this SirtDeskApp app, string messageId) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().Where(r => r.MessageId == messageId).ToListAsync());

    public static Task<List<Report>> MailReportsAsync(this SirtDeskApp app) =>
        app.WithDbAsync(db => db.Reports.AsNoTracking().Where(r => r.Channel == "email").OrderBy(r => r.Id).ToListAsync());

    public static Task<List<QuarantinedMail>> QuarantinedAsync(this SirtDeskApp app, byte[] raw)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(raw));
        return app.WithDbAsync(db => db.QuarantinedMail.AsNoTracking().Where(q => q.Sha256 == sha).ToListAsync());
    }

    public static Task<List<TimelineEntry>> TimelineOfReportAsync(this SirtDeskApp app, long reportId) =>
        app.WithDbAsync(db => db.Timeline.AsNoTracking().Where(t => t.ReportId == reportId).OrderBy(t => t.Id).ToListAsync());

    /// <summary>A staff member opens a case from the report a mail became; returns the case number.</summary>
    public static async Task<string> OpenCaseAsync(this SirtDeskApp app, string trackingNumber)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.SirtDb>();
        var report = await db.Reports.SingleAsync(r => r.TrackingNumber == trackingNumber);
        return (await scope.ServiceProvider.GetRequiredService<CaseOperations>().OpenCaseAsync(report, "coordinator@example.com", CancellationToken.None)).Number;
    }

    /// <summary>The IMAP cursor the poller keeps in Settings.</summary>
    public static async Task<(uint UidValidity, uint LastUid)?> ImapCursorAsync(this SirtDeskApp app, string team)
    {
        var value = await app.WithDbAsync(db => db.Settings.AsNoTracking().Where(s => s.Key == $"mail.imap.{team}").Select(s => s.Value).FirstOrDefaultAsync());
        if (value is null)
        {
            return null;
        }
        var json = JsonDocument.Parse(value).RootElement;
        return (json.GetProperty("UidValidity").GetUInt32(), json.GetProperty("LastUid").GetUInt32());
    }

    public static MailboxStatus? ImapStatus(this SirtDeskApp app, string team) =>
        app.Services.GetRequiredService<ImapPoller>().Status.GetValueOrDefault(team);

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > until)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>A plain message as a mail client would send it.</summary>
    public static MimeMessage Message(string from, string subject, string body, string? messageId = null, string to = "psirt@example.com")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = messageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId("reporter.example");
        message.Date = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(9));
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    public static byte[] Plain(string from, string subject, string body, string? messageId = null, string to = "psirt@example.com") =>
        Bytes(Message(from, subject, body, messageId, to));

    public static byte[] Bytes(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, buffer);
        return buffer.ToArray();
    }
}
