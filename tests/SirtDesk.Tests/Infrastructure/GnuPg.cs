using System.Diagnostics;
using System.Text;

namespace SirtDesk.Tests.Infrastructure;

public sealed record GpgResult(int ExitCode, string Status, byte[] Output, string Errors)
{
    public bool Has(string status) => Status.Split('\n').Any(l => l.StartsWith("[GNUPG:] " + status, StringComparison.Ordinal));
}

/// <summary>
/// GnuPG (Debian gnupg) as the peer at the other end of the mail: its own GNUPGHOME in a temporary directory, so
/// the tests never touch a real keyring; removed (and its agent stopped) afterwards.
/// </summary>
public sealed class GnuPg : IDisposable
{
    public string Home { get; } = Path.Combine(Path.GetTempPath(), "sdgpg-" + Guid.NewGuid().ToString("N")[..12]);

    public GnuPg()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Home);
        }
        else
        {
            Directory.CreateDirectory(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // gpg insists on 0700
        }
    }

    /// <summary>An Ed25519 signing key with a Cv25519 encryption subkey (or RSA 3072 for both), no passphrase; returns the fingerprint.</summary>
    public async Task<string> GenerateKeyAsync(string userId, bool rsa = false)
    {
        await RunAsync(null, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", userId, rsa ? "rsa3072" : "ed25519", "sign", "never");
        var listing = Encoding.UTF8.GetString((await RunAsync(null, "--with-colons", "--list-keys", userId)).Output);
        var fingerprint = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        await RunAsync(null, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-add-key", fingerprint, rsa ? "rsa3072" : "cv25519", "encr", "never");
        return fingerprint;
    }

    public async Task<string> ExportAsync(string userId) => Encoding.ASCII.GetString((await RunAsync(null, "--armor", "--export", userId)).Output);

    public Task ImportAsync(string armored) => RunAsync(Encoding.ASCII.GetBytes(armored), "--import");

    /// <summary>gpg --decrypt with machine-readable status (DECRYPTION_OKAY, GOODSIG, VALIDSIG …) and the plaintext.</summary>
    public Task<GpgResult> DecryptAsync(byte[] message) => RunAsync(message, "--pinentry-mode", "loopback", "--trust-model", "always", "--decrypt");

    /// <summary>gpg --verify of a detached signature over <paramref name="data"/>.</summary>
    public async Task<GpgResult> VerifyAsync(byte[] signature, byte[] data)
    {
        var sig = Path.Combine(Home, "check.sig");
        var content = Path.Combine(Home, "check.dat");
        await File.WriteAllBytesAsync(sig, signature);
        await File.WriteAllBytesAsync(content, data);
        return await RunAsync(null, "--trust-model", "always", "--verify", sig, content);
    }

    private async Task<GpgResult> RunAsync(byte[]? input, params string[] args)
    {
        var statusFile = Path.Combine(Home, $"status-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("gpg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--homedir", Home, "--batch", "--no-tty", "--status-file", statusFile }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
        }
        process.StandardInput.Close();
        await copy;
        await process.WaitForExitAsync();
        var status = File.Exists(statusFile) ? await File.ReadAllTextAsync(statusFile) : "";
        return new GpgResult(process.ExitCode, status, output.ToArray(), await errors);
    }

    public void Dispose()
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("gpgconf", ["--homedir", Home, "--kill", "all"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            kill?.WaitForExit(5000);
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
