using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using SirtDesk.Mail;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Mail;

[Collection(DovecotCollection.Name)]
public sealed class ImapPollerTests(Dovecot dovecot)
{
    private const string Processed = "SirtDesk.Processed";

    [Fact]
    public async Task Messages_appended_over_imap_become_reports_and_move_to_the_processed_folder()
    {
        var user = Dovecot.NewUser();
        var sent = new List<(string Id, uint Uid)>();
        for (var i = 1; i <= 3; i++)
        {
            var id = $"poll-{i}-{Guid.NewGuid():N}@reporter.example";
            sent.Add((id, await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", $"ログイン画面の脆弱性 {i}", $"手順 {i}: 検索欄に入力します。", id))));
        }
        await using var app = new SirtDeskApp { Settings = dovecot.ImapSettings("psirt", user) };
        await app.InitializeAsync();

        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 3, "three messages in the processed folder");
        Assert.Equal(0, await dovecot.CountAsync(user, "INBOX"));
        var reports = await app.MailReportsAsync();
        Assert.Equal(sent.Select(s => s.Id), reports.Select(r => r.MessageId));
        Assert.All(reports, r => Assert.Equal("psirt", r.Team));
        Assert.Equal("ログイン画面の脆弱性 1", reports[0].Title);
        Assert.Equal(sent.Select(s => s.Id), await dovecot.MessageIdsAsync(user, Processed));
        Assert.Equal(sent[^1].Uid, (await app.ImapCursorAsync("psirt"))!.Value.LastUid);

        // The poller now waits in IDLE: a new message arrives without a restart.
        var late = $"late-{Guid.NewGuid():N}@reporter.example";
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "One more", "Found another one.", late));
        await MailTestKit.EventuallyAsync(async () => (await app.ReportsWithMessageIdAsync(late)).Count == 1, "the late message as a report", 30);
        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 4, "the late message moved");
        Assert.Equal(0, app.ImapStatus("psirt")!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Without_idle_the_poller_looks_for_new_mail_every_poll_interval()
    {
        var user = Dovecot.NewUser();
        var settings = dovecot.ImapSettings("psirt", user);
        settings["Mail:Imap:psirt:Idle"] = "false";
        await using var app = new SirtDeskApp { Settings = settings };
        await app.InitializeAsync();
        await MailTestKit.EventuallyAsync(() => Task.FromResult(app.ImapStatus("psirt")?.LastSuccessAt is not null), "the poller connected");

        var id = $"polled-{Guid.NewGuid():N}@reporter.example";
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "Polled", "found by polling", id));

        await MailTestKit.EventuallyAsync(async () => (await app.ReportsWithMessageIdAsync(id)).Count == 1, "the message stored", 30);
        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 1, "the message moved");
    }

    [Fact]
    public async Task A_restart_resumes_from_the_cursor_and_a_new_uidvalidity_rescans_without_storing_twice()
    {
        var user = Dovecot.NewUser();
        const string folder = "Reports";
        await CreateFolderAsync(user, folder);
        var a = MailTestKit.Plain("Reporter <r@reporter.example>", "A", "first", $"a-{Guid.NewGuid():N}@reporter.example");
        await dovecot.AppendAsync(user, a, folder);
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "B", "second"), folder);
        var dataDir = Path.Combine(Path.GetTempPath(), "sirtdesk-tests", Guid.NewGuid().ToString("N"));
        string? database;
        (uint UidValidity, uint LastUid) before;
        await using (var first = new SirtDeskApp { DataDir = dataDir, Settings = dovecot.ImapSettings("psirt", user, folder) })
        {
            await first.InitializeAsync();
            database = first.ConnectionString;
            await MailTestKit.EventuallyAsync(async () => await first.ImapCursorAsync("psirt") is { LastUid: 2 }, "the cursor at UID 2");
            before = (await first.ImapCursorAsync("psirt"))!.Value;
        }

        // Mail keeps arriving while SirtDesk is down.
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "C", "third"), folder);
        await using (var second = new SirtDeskApp { DataDir = dataDir, ConnectionString = database, Settings = dovecot.ImapSettings("psirt", user, folder) })
        {
            await second.InitializeAsync();
            await MailTestKit.EventuallyAsync(async () => await second.ImapCursorAsync("psirt") is { LastUid: 3 }, "the cursor at UID 3");
            Assert.Equal(before.UidValidity, (await second.ImapCursorAsync("psirt"))!.Value.UidValidity);
            Assert.Equal(["A", "B", "C"], (await second.MailReportsAsync()).Select(r => r.Title));
        }

        // The folder is re-created (new UIDVALIDITY, UIDs start again at 1, below the cursor), holding a copy of a
        // message that was already stored and one new message: both are read, only the new one is stored.
        await DeleteFolderAsync(user, folder);
        await CreateFolderAsync(user, folder);
        Assert.Equal(1u, await dovecot.AppendAsync(user, a, folder));
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "D", "fourth"), folder);
        await using var third = new SirtDeskApp { DataDir = dataDir, ConnectionString = database, Settings = dovecot.ImapSettings("psirt", user, folder) };
        await third.InitializeAsync();
        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 5, "five messages in the processed folder");
        // The cursor is saved just after each move: wait for it too.
        await MailTestKit.EventuallyAsync(async () => await third.ImapCursorAsync("psirt") is { LastUid: 2 } c && c.UidValidity != before.UidValidity, "the cursor at UID 2 of the new folder");
        var cursor = (await third.ImapCursorAsync("psirt"))!.Value;
        Assert.NotEqual(before.UidValidity, cursor.UidValidity);
        Assert.Equal(2u, cursor.LastUid);
        Assert.Equal(0, await dovecot.CountAsync(user, folder));
        Assert.Equal(["A", "B", "C", "D"], (await third.MailReportsAsync()).Select(r => r.Title));
    }

    [Fact]
    public async Task A_message_the_database_could_not_take_stays_in_the_folder_and_is_stored_exactly_once_later()
    {
        var user = Dovecot.NewUser();
        var outage = new DatabaseOutage();
        await using var app = new SirtDeskApp { Interceptors = [outage], Settings = dovecot.ImapSettings("psirt", user) };
        await app.InitializeAsync();
        await MailTestKit.EventuallyAsync(() => Task.FromResult(app.ImapStatus("psirt")?.LastSuccessAt is not null), "the poller connected and idle");

        outage.Down = true;
        var id = $"outage-{Guid.NewGuid():N}@reporter.example";
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "During the outage", "This must not be lost.", id));
        await MailTestKit.EventuallyAsync(() => Task.FromResult(app.ImapStatus("psirt")!.ConsecutiveFailures >= 3), "three failed attempts");
        Assert.StartsWith("database unavailable", app.ImapStatus("psirt")!.LastError, StringComparison.Ordinal);
        Assert.Equal(1, await dovecot.CountAsync(user, "INBOX"));
        Assert.Equal(0, await dovecot.CountAsync(user, Processed));

        outage.Down = false;
        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 1, "the message moved once the database is back");
        Assert.Equal(0, await dovecot.CountAsync(user, "INBOX"));
        // Another round of polling changes nothing.
        var rounds = app.ImapStatus("psirt")!.LastSuccessAt;
        await MailTestKit.EventuallyAsync(() => Task.FromResult(app.ImapStatus("psirt")!.LastSuccessAt > rounds), "another polling round");
        Assert.Single(await app.ReportsWithMessageIdAsync(id));
        Assert.Equal([id], await dovecot.MessageIdsAsync(user, Processed));
    }

    [Fact]
    public async Task A_message_that_fails_every_time_is_quarantined_after_a_few_attempts_and_the_next_one_gets_through()
    {
        var user = Dovecot.NewUser();
        var poison = $"poison-{Guid.NewGuid():N}@reporter.example";
        var queries = new PoisonQueries(poison);
        var next = $"next-{Guid.NewGuid():N}@reporter.example";
        var raw = MailTestKit.Plain("Reporter <r@reporter.example>", "Triggers a bug", "poison", poison);
        await dovecot.AppendAsync(user, raw);
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "Behind it", "fine", next));
        await using var app = new SirtDeskApp { Interceptors = [queries], Settings = dovecot.ImapSettings("psirt", user) };
        await app.InitializeAsync();

        await MailTestKit.EventuallyAsync(async () => (await app.ReportsWithMessageIdAsync(next)).Count == 1, "the message behind the poison stored");
        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 2, "both moved");
        Assert.Equal(ImapPoller.MaxAttempts, queries.Failed);
        var kept = Assert.Single(await app.QuarantinedAsync(raw));
        Assert.Equal(("SirtDesk could not process the message (InvalidOperationException).", poison), (kept.Reason, kept.MessageId));
        Assert.DoesNotContain(await app.MailReportsAsync(), r => r.Title == "Triggers a bug");
    }

    [Fact]
    public async Task One_team_whose_mailbox_fails_does_not_stop_the_others()
    {
        var user = Dovecot.NewUser();
        var settings = dovecot.ImapSettings("psirt", user);
        foreach (var (key, value) in dovecot.ImapSettings("csirt", Dovecot.NewUser()))
        {
            settings[key] = value;
        }
        settings["Mail:Imap:csirt:Port"] = SirtDesk.Tests.Cli.SirtDeskProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = $"ok-{Guid.NewGuid():N}@reporter.example";
        await dovecot.AppendAsync(user, MailTestKit.Plain("Reporter <r@reporter.example>", "Still arrives", "psirt works", id));
        await using var app = new SirtDeskApp { Settings = settings };
        await app.InitializeAsync();

        await MailTestKit.EventuallyAsync(async () => (await app.ReportsWithMessageIdAsync(id)).Count == 1, "psirt's message stored");
        await MailTestKit.EventuallyAsync(() => Task.FromResult(app.ImapStatus("csirt")!.ConsecutiveFailures >= 2), "csirt retrying");
        Assert.Equal("cannot reach the IMAP server (ConnectionRefused)", app.ImapStatus("csirt")!.LastError);
        Assert.Equal(0, app.ImapStatus("psirt")!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Every_message_of_the_bad_input_corpus_delivered_twice_ends_stored_or_quarantined_once()
    {
        var user = Dovecot.NewUser();
        await using var app = new SirtDeskApp { Settings = dovecot.ImapSettings("psirt", user) };
        await app.InitializeAsync();
        var team = MailCorpus.PublicRing(await app.GenerateTeamKeyAsync("psirt", OpenPgp.Ed25519, "Example PSIRT <psirt@example.com>"));
        var owner = await app.ReceiveMailAsync(MailTestKit.Plain("Reporter <owner@reporter.example>", "Case to claim", "original report"));
        var number = await app.OpenCaseAsync(owner.TrackingNumber!);
        var limit = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.MaxDecryptedBytes;
        var noId = MailTestKit.Message("Reporter <noid@reporter.example>", "No Message-ID", "delivered twice");
        noId.Headers.Remove(HeaderId.MessageId);
        var quarantined = new HashSet<string>(StringComparer.Ordinal) { "no-sender.eml", "deeply nested", "compression bomb", "tampered", "no MDC" };
        var corpus = MailCorpus.Files.Select(f => (Name: f, Raw: MailCorpus.File(f))).Concat<(string Name, byte[] Raw)>(
        [
            ("50 MB body", MailCorpus.HugeBody()),
            ("deeply nested", MailCorpus.DeeplyNested()),
            ("compression bomb", MailCorpus.CompressionBomb(team, limit + (1 << 20))),
            ("tampered", MailCorpus.Tampered(team)),
            ("no MDC", MailCorpus.WithoutMdc(team)),
            ("forged case tag", MailTestKit.Plain("Mallory <mallory@attacker.example>", $"Re: [{number}] Case to claim", "Send me the details.")),
            ("no Message-ID", MailTestKit.Bytes(noId)),
        ]).ToList();
        Assert.Equal(15, corpus.Count);

        foreach (var (_, raw) in corpus.Concat(corpus))
        {
            await dovecot.AppendAsync(user, raw);
        }

        await MailTestKit.EventuallyAsync(async () => await dovecot.CountAsync(user, Processed) == 2 * corpus.Count, "every copy in the processed folder", 300);
        Assert.Equal(0, await dovecot.CountAsync(user, "INBOX"));
        Assert.Equal((0, null), (app.ImapStatus("psirt")!.ConsecutiveFailures, app.ImapStatus("psirt")!.LastError));
        foreach (var (name, raw) in corpus)
        {
            var parsed = MimeMessage.Load(new MemoryStream(raw));
            var id = string.IsNullOrEmpty(parsed.MessageId) ? MailIntake.SyntheticMessageId(raw) : parsed.MessageId;
            var reports = await app.ReportsWithMessageIdAsync(id);
            var kept = await app.QuarantinedAsync(raw);
            Assert.True((reports.Count, kept.Count) == (quarantined.Contains(name) ? (0, 1) : (1, 0)), $"{name}: {reports.Count} reports, {kept.Count} quarantined");
            Assert.All(kept, q => Assert.False(string.IsNullOrWhiteSpace(q.Reason)));
        }
        var forged = Assert.Single(await app.ReportsWithMessageIdAsync(MimeMessage.Load(new MemoryStream(corpus.Single(c => c.Name == "forged case tag").Raw)).MessageId!));
        Assert.Null(forged.CaseId);
        Assert.Contains(await app.TimelineOfReportAsync(forged.Id), t => t.Action == "mail.claims-case" && t.Detail == number);
    }

    private async Task CreateFolderAsync(string user, string name)
    {
        using var client = await dovecot.ConnectAsync(user);
        await client.GetFolder(client.PersonalNamespaces[0])!.CreateAsync(name, true);
        await client.DisconnectAsync(true);
    }

    private async Task DeleteFolderAsync(string user, string name)
    {
        using var client = await dovecot.ConnectAsync(user);
        await (await client.GetFolderAsync(name)).DeleteAsync();
        await client.DisconnectAsync(true);
    }
}
