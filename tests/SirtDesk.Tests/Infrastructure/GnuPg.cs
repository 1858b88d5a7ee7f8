using System.Diagnostics;
using System.Text;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>What gpg answered: exit code, its machine-readable status lines (DECRYPTION_OKAY, GOODSIG, VALIDSIG …), output and errors.</summary>
public sealed record GpgResult(int ExitCode, string Status, byte[] Output, string Errors)
{
    public bool Has(string status) => Status.Split('\n').Any(l => l.StartsWith("[GNUPG:] " + status, StringComparison.Ordinal));

    /// <summary>The fingerprint a VALIDSIG line names (the signing key), or null.</summary>
    public string? ValidSigner => Status.Split('\n').FirstOrDefault(l => l.StartsWith("[GNUPG:] VALIDSIG ", StringComparison.Ordinal))?.Split(' ')[^1].Trim();

    public string Text => Encoding.UTF8.GetString(Output);
}

/// <summary>
/// GnuPG (Debian gnupg) as the peer at the other end of the mail channel, driven the way a reporter's tools drive
/// it (batch mode, loopback pinentry, empty passphrase), in its own GNUPGHOME so the tests never touch a real
/// keyring; the home and its agent are removed afterwards.
/// </summary>
public sealed class GnuPg : IDisposable
{
    private const string Gpg = "/usr/bin/gpg";
    public const string WksClient = "/usr/lib/gnupg/gpg-wks-client";

    // Short path: gpg-agent's socket lives in the home, and socket paths are limited to about 100 bytes.
    public string Home { get; } = Path.Combine("/tmp", "sd-gpg-" + Guid.NewGuid().ToString("N")[..10]);

    public GnuPg()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Gpg))
        {
            throw new InvalidOperationException($"GnuPG is not installed ({Gpg} is missing): the interop tests need the Debian package gnupg (./test.sh installs it).");
        }
        Directory.CreateDirectory(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // gpg insists on 0700
    }

    /// <summary>A key as a reporter makes one (<c>--quick-gen-key</c> + <c>--quick-add-key</c>): ed25519 (Cv25519 subkey), rsa3072 or rsa4096. Returns the fingerprint.</summary>
    public async Task<string> GenerateKeyAsync(string userId, string algorithm = "ed25519")
    {
        var (primary, sub) = algorithm switch
        {
            "ed25519" => ("ed25519", "cv25519"),
            "rsa3072" or "rsa4096" => (algorithm, algorithm),
            _ => throw new ArgumentException(algorithm, nameof(algorithm)),
        };
        await CheckedAsync(null, "--quick-gen-key", userId, primary, "cert,sign", "never");
        var fingerprint = await FingerprintAsync(userId);
        await CheckedAsync(null, "--quick-add-key", fingerprint, sub, "encr", "never");
        return fingerprint;
    }

    public async Task<string> FingerprintAsync(string userId) =>
        (await CheckedAsync(null, "--with-colons", "--fingerprint", userId)).Text.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];

    public async Task<string> ExportAsync(string userId) => (await CheckedAsync(null, "--armor", "--export", userId)).Text;

    public async Task<byte[]> ExportSecretAsync(string userId) => (await CheckedAsync(null, "--armor", "--export-secret-keys", userId)).Output;

    public Task<GpgResult> ImportAsync(string armored) => ImportAsync(Encoding.ASCII.GetBytes(armored));

    public Task<GpgResult> ImportAsync(byte[] keys) => CheckedAsync(keys, "--import");

    /// <summary>gpg --decrypt with status (DECRYPTION_OKAY, GOODSIG, VALIDSIG …) and the plaintext.</summary>
    public Task<GpgResult> DecryptAsync(byte[] message) => RunAsync(message, "--trust-model", "always", "--decrypt");

    /// <summary>gpg --verify of a detached signature over <paramref name="data"/>.</summary>
    public async Task<GpgResult> VerifyAsync(byte[] signature, byte[] data)
    {
        var sig = Path.Combine(Home, "check.sig");
        var content = Path.Combine(Home, "check.dat");
        await File.WriteAllBytesAsync(sig, signature);
        await File.WriteAllBytesAsync(content, data);
        return await RunAsync(null, "--trust-model", "always", "--verify", sig, content);
    }

    /// <summary>gpg --verify of a clear-signed text (security.txt, inline-signed mail).</summary>
    public Task<GpgResult> VerifyClearSignedAsync(string text) => RunAsync(Encoding.UTF8.GetBytes(text), "--trust-model", "always", "--verify");

    public async Task<string> ClearSignAsync(string text, string signer) => (await CheckedAsync(Encoding.UTF8.GetBytes(text), "--clearsign", "--local-user", signer)).Text;

    /// <summary><c>gpg --sign --encrypt --armor</c> to <paramref name="recipient"/>, signed by <paramref name="signer"/>.</summary>
    public async Task<string> SignAndEncryptAsync(byte[] plaintext, string signer, string recipient) =>
        (await CheckedAsync(plaintext, "--trust-model", "always", "--armor", "--sign", "--encrypt", "--local-user", signer, "--recipient", recipient, "--output", "-")).Text;

    /// <summary>gpg-wks-client's answer for an address (<c>--print-wkd-hash</c> or <c>--print-wkd-url</c>).</summary>
    public static async Task<string> WkdAsync(string option, string address)
    {
        var (exit, output, error) = await ExecAsync(WksClient, null, [option, address]);
        return exit == 0 ? Encoding.UTF8.GetString(output).Trim() : throw new InvalidOperationException($"gpg-wks-client {option} failed: {error}");
    }

    private async Task<GpgResult> CheckedAsync(byte[]? input, params string[] args)
    {
        var result = await RunAsync(input, args);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"gpg {string.Join(' ', args)} failed ({result.ExitCode}): {result.Errors}");
    }

    /// <summary>Runs gpg in this home; a non-zero exit is returned, not thrown (a BADSIG is an answer too).</summary>
    public async Task<GpgResult> RunAsync(byte[]? input, params string[] args)
    {
        var statusFile = Path.Combine(Home, $"status-{Guid.NewGuid():N}");
        var (exit, output, error) = await ExecAsync(Gpg, input,
            ["--homedir", Home, "--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "", "--status-file", statusFile, .. args]);
        var status = File.Exists(statusFile) ? await File.ReadAllTextAsync(statusFile) : "";
        return new GpgResult(exit, status, output, error);
    }

    private static async Task<(int Exit, byte[] Output, string Error)> ExecAsync(string file, byte[]? input, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var reading = p.StandardOutput.BaseStream.CopyToAsync(output);
        if (input is not null)
        {
            await p.StandardInput.BaseStream.WriteAsync(input);
        }
        p.StandardInput.Close();
        await reading;
        await p.WaitForExitAsync();
        return (p.ExitCode, output.ToArray(), await error);
    }

    public void Dispose()
    {
        try
        {
            // The agent gpg started for this home, and only that one.
            using var kill = Process.Start(new ProcessStartInfo("/usr/bin/gpgconf") { ArgumentList = { "--homedir", Home, "--kill", "all" }, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
            kill?.WaitForExit(10_000);
            Directory.Delete(Home, recursive: true);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
