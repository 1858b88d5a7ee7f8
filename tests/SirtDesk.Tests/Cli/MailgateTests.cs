using System.Text;
using SirtDesk.Tests.Infrastructure;
using SirtDesk.Tests.Mail;

namespace SirtDesk.Tests.Cli;

/// <summary><c>sirtdesk mailgate</c> as an MTA runs it: exit 0 stored, 65 quarantined, 75 try again later.</summary>
public sealed class MailgateTests
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "sirtdesk-mailgate", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_message_is_stored_with_its_tracking_number_on_stdout_and_a_second_delivery_gives_the_same_number()
    {
        var connection = await TestDatabase.CreateAsync();
        var raw = MailTestKit.Plain("山田 太郎 <yamada@reporter.example>", "ログイン画面の脆弱性", "検索欄に入力した文字列がそのまま表示されます。");

        var first = await SirtDeskProcess.RunWithBytesAsync(dataDir, connection, raw, "mailgate", "--team", "psirt");
        var again = await SirtDeskProcess.RunWithBytesAsync(dataDir, connection, raw, "mailgate", "--team", "psirt");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Matches(@"^VR-\d{4}-\d{5}$", first.Out.Trim());
        Assert.Equal(0, again.Exit);
        Assert.Equal(first.Out, again.Out);
    }

    [Fact]
    public async Task An_unusable_message_exits_65_and_says_why()
    {
        var connection = await TestDatabase.CreateAsync();

        var result = await SirtDeskProcess.RunWithBytesAsync(dataDir, connection, MailCorpus.File("no-sender.eml"), "mailgate", "--team", "psirt");

        Assert.Equal(65, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Contains("quarantined: The message has no usable sender address.", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_exits_75_so_the_mta_keeps_the_message_and_retries()
    {
        var closed = $"Host=127.0.0.1;Port={SirtDeskProcess.FreePort()};Username=sirtdesk;Password=unused;Database=sirtdesk;Timeout=3";

        var result = await SirtDeskProcess.RunWithBytesAsync(dataDir, closed, MailTestKit.Plain("Reporter <r@reporter.example>", "Subject", "Body"), "mailgate", "--team", "psirt");

        Assert.Equal(75, result.Exit);
        Assert.Equal("", result.Out);
        Assert.Contains("database is unavailable", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_that_gpg_encrypts_to_the_exported_team_key_passes_the_mailgate()
    {
        var connection = await TestDatabase.CreateAsync();
        var generated = await SirtDeskProcess.RunAsync(dataDir, connection, null, "keys", "generate", "--team", "psirt", "--uid", "Example PSIRT <psirt@example.com>");
        var exported = await SirtDeskProcess.RunAsync(dataDir, connection, null, "keys", "export", "--team", "psirt");
        Assert.True(generated.Exit == 0, generated.Err);
        Assert.True(exported.Exit == 0, exported.Err);
        var teamFingerprint = generated.Out.Split('\t')[0];
        using var gpg = new GnuPg();
        await gpg.ImportAsync(exported.Out);
        var reporter = await gpg.GenerateKeyAsync("Reporter <gpg@reporter.example>", "ed25519");
        var armored = await gpg.SignAndEncryptAsync(Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=utf-8\r\n\r\n暗号化した報告\r\n"), reporter, teamFingerprint);

        var result = await SirtDeskProcess.RunWithBytesAsync(dataDir, connection, MailCorpus.PgpMime("Reporter <gpg@reporter.example>", "Encrypted", $"{Guid.NewGuid():N}", armored), "mailgate", "--team", "psirt");

        Assert.True(result.Exit == 0, result.Err);
        Assert.Matches(@"^VR-\d{4}-\d{5}$", result.Out.Trim());
    }
}
