using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using SirtDesk.Tests.Cli;

namespace SirtDesk.Tests.Mail;

[CollectionDefinition(Name)]
public sealed class DovecotCollection : ICollectionFixture<Dovecot>
{
    public const string Name = "dovecot";
}

/// <summary>
/// A real Dovecot IMAP server (Debian dovecot-imapd) with a standalone configuration in a temporary directory, on a
/// free loopback port, with Maildir mailboxes. Any user name signs in with <see cref="Password"/>, so each test
/// takes a mailbox of its own. Dovecot will not run mail processes as root, so they run as the <c>vmail</c> user
/// (test.sh creates it).
/// </summary>
public sealed class Dovecot : IAsyncLifetime
{
    public const string Password = "imap-test-password";
    private const string Binary = "/usr/sbin/dovecot";
    private readonly string dir = Path.Combine("/tmp", "sirtdesk-dovecot-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? master;

    public int Port { get; } = SirtDeskProcess.FreePort();

    public string Config => Path.Combine(dir, "dovecot.conf");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Dovecot is not installed ({Binary} is missing): the IMAP tests need the Debian package dovecot-imapd (./test.sh installs it).");
        }
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("The IMAP tests start Dovecot, which needs root to switch to the vmail user; run them as root (./test.sh).");
        }
        var vmail = (await File.ReadAllLinesAsync("/etc/passwd")).Select(l => l.Split(':')).FirstOrDefault(f => f[0] == "vmail");
        if (vmail is null)
        {
            throw new InvalidOperationException("The IMAP tests need a 'vmail' user for Dovecot's mail processes: useradd -r -M -d /nonexistent -s /usr/sbin/nologin vmail (./test.sh does this).");
        }
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "state"));
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        await RunAsync("chown", "vmail:vmail", Path.Combine(dir, "mail"));
        await File.WriteAllTextAsync(Config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            info_log_path = {{dir}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=vmail gid=vmail home={{dir}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-F", "-c", Config })
        {
            info.ArgumentList.Add(a);
        }
        master = Process.Start(info)!;
        for (var i = 0; i < 100; i++)
        {
            if (master.HasExited)
            {
                throw new InvalidOperationException("Dovecot did not start: " + await master.StandardError.ReadToEndAsync() + Log());
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Dovecot did not open its IMAP port." + Log());
    }

    public async Task DisposeAsync()
    {
        if (master is not null)
        {
            await RunAsync(Binary, "-c", Config, "stop");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await master.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                master.Kill(entireProcessTree: true);
            }
            master.Dispose();
        }
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Log() => File.Exists(Path.Combine(dir, "dovecot.log")) ? "\n" + File.ReadAllText(Path.Combine(dir, "dovecot.log")) : "";

    /// <summary>A user name of its own for one test's mailbox.</summary>
    public static string NewUser() => "t" + Guid.NewGuid().ToString("N")[..10] + "@example.com";

    /// <summary>The settings that point a SirtDesk team at <paramref name="user"/>'s mailbox on this server.</summary>
    public Dictionary<string, string?> ImapSettings(string team, string user, string folder = "INBOX") => new()
    {
        [$"Mail:Imap:{team}:Host"] = "127.0.0.1",
        [$"Mail:Imap:{team}:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        [$"Mail:Imap:{team}:Security"] = "None",
        [$"Mail:Imap:{team}:User"] = user,
        [$"Mail:Imap:{team}:Password"] = Password,
        [$"Mail:Imap:{team}:Folder"] = folder,
        [$"Mail:Imap:{team}:ProcessedFolder"] = "SirtDesk.Processed",
        [$"Mail:Imap:{team}:PollSeconds"] = "2",
        [$"Mail:Imap:{team}:MaxBackoffSeconds"] = "1",
    };

    public async Task<ImapClient> ConnectAsync(string user)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, Password);
        return client;
    }

    /// <summary>
    /// Appends the exact bytes of a message with a plain IMAP APPEND (RFC 3501 §6.3.11), so broken MIME reaches the
    /// server as it is (a MIME library would repair it on the way). Returns the new UID (APPENDUID, RFC 4315).
    /// </summary>
    public async Task<uint> AppendAsync(string user, byte[] raw, string folder = "INBOX")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port);
        var stream = tcp.GetStream();
        var reader = new LineReader(stream);
        await reader.ReadLineAsync(); // greeting
        await CommandAsync(stream, reader, "a1", $"a1 LOGIN \"{user}\" \"{Password}\"\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"a2 APPEND \"{folder}\" {{{raw.Length}}}\r\n"));
        var go = await reader.ReadLineAsync();
        if (!go.StartsWith('+'))
        {
            throw new InvalidOperationException("APPEND refused: " + go);
        }
        await stream.WriteAsync(raw);
        var done = await CommandAsync(stream, reader, "a2", "\r\n");
        await CommandAsync(stream, reader, "a3", "a3 LOGOUT\r\n");
        var appendUid = done.Split("APPENDUID ", 2)[1].Split(' ', ']');
        return uint.Parse(appendUid[1], CultureInfo.InvariantCulture);
    }

    private static async Task<string> CommandAsync(NetworkStream stream, LineReader reader, string tag, string command)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        while (true)
        {
            var line = await reader.ReadLineAsync();
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                return line.StartsWith(tag + " OK", StringComparison.Ordinal) ? line : throw new InvalidOperationException($"IMAP {command.Split(' ')[1..2].FirstOrDefault()} failed: {line}");
            }
        }
    }

    /// <summary>Message counts of a user's folder (0 when it does not exist).</summary>
    public async Task<int> CountAsync(string user, string folder)
    {
        using var client = await ConnectAsync(user);
        try
        {
            var f = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
            await f.OpenAsync(FolderAccess.ReadOnly);
            return f.Count;
        }
        catch (FolderNotFoundException)
        {
            return 0;
        }
        finally
        {
            await client.DisconnectAsync(true);
        }
    }

    /// <summary>The Message-IDs in a user's folder, in UID order.</summary>
    public async Task<List<string>> MessageIdsAsync(string user, string folder)
    {
        using var client = await ConnectAsync(user);
        try
        {
            var f = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
            await f.OpenAsync(FolderAccess.ReadOnly);
            var uids = await f.SearchAsync(SearchQuery.All);
            var summaries = uids.Count == 0 ? [] : await f.FetchAsync(uids, MessageSummaryItems.Envelope | MessageSummaryItems.UniqueId);
            return [.. summaries.OrderBy(s => s.UniqueId.Id).Select(s => s.Envelope?.MessageId ?? "")];
        }
        finally
        {
            await client.DisconnectAsync(true);
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await error}");
        }
    }

    /// <summary>CRLF-terminated protocol lines from a stream, without buffering past them for the caller.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] one = new byte[1];

        public async Task<string> ReadLineAsync()
        {
            var line = new List<byte>();
            while (await stream.ReadAsync(one) == 1)
            {
                if (one[0] == '\n')
                {
                    return Encoding.UTF8.GetString([.. line]).TrimEnd('\r');
                }
                line.Add(one[0]);
            }
            throw new EndOfStreamException("The IMAP server closed the connection.");
        }
    }
}
