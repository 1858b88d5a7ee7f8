using System.Diagnostics;
using System.Text;

namespace SirtDesk.Tests.Mail;

/// <summary>
/// GnuPG (Debian gnupg) with a home of its own in a temporary directory, driven the way a reporter's tools drive it:
/// batch mode, loopback pinentry, empty passphrase.
/// </summary>
public sealed class GpgPeer : IDisposable
{
    private const string Gpg = "/usr/bin/gpg";
    public const string WksClient = "/usr/lib/gnupg/gpg-wks-client";

    // Short path: gpg-agent's socket lives in the home, and socket paths are limited to about 100 bytes.
    public string Home { get; } = Path.Combine("/tmp", "sd-gpg-" + Guid.NewGuid().ToString("N")[..8]);

    public GpgPeer()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Gpg))
        {
            throw new InvalidOperationException($"GnuPG is not installed ({Gpg} is missing): the interop tests need the Debian package gnupg (./test.sh installs it).");
        }
        Directory.CreateDirectory(Home);
        File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Makes a key as a reporter would (<c>--quick-gen-key</c> + <c>--quick-add-key</c>); returns its fingerprint.</summary>
    public async Task<string> GenerateAsync(string userId, string algorithm)
    {
        var (primary, sub) = algorithm switch
        {
            "ed25519" => ("ed25519", "cv25519"),
            "rsa4096" => ("rsa4096", "rsa4096"),
            _ => throw new ArgumentException(algorithm, nameof(algorithm)),
        };
        await RunAsync(null, "--quick-gen-key", userId, primary, "cert,sign", "never");
        var fingerprint = await FingerprintAsync(userId);
        await RunAsync(null, "--quick-add-key", fingerprint, sub, "encr", "never");
        return fingerprint;
    }

    public async Task<string> FingerprintAsync(string userId)
    {
        var listing = Encoding.UTF8.GetString(await RunAsync(null, "--with-colons", "--list-keys", userId));
        return listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    public Task ImportAsync(string armored) => RunAsync(Encoding.ASCII.GetBytes(armored), "--import");

    public async Task<byte[]> ExportAsync(string fingerprint) => await RunAsync(null, "--armor", "--export", fingerprint);

    /// <summary><c>gpg --sign --encrypt --armor</c> to <paramref name="recipient"/>, signed by <paramref name="signer"/>.</summary>
    public async Task<string> SignAndEncryptAsync(byte[] plaintext, string signer, string recipient) =>
        Encoding.ASCII.GetString(await RunAsync(plaintext, "--trust-model", "always", "--armor", "--sign", "--encrypt", "--local-user", signer, "--recipient", recipient, "--output", "-"));

    public static async Task<string> WkdAsync(string option, string address)
    {
        var (exit, output, error) = await ExecAsync(WksClient, null, [option, address]);
        return exit == 0 ? Encoding.UTF8.GetString(output).Trim() : throw new InvalidOperationException($"gpg-wks-client {option} failed: {error}");
    }

    private async Task<byte[]> RunAsync(byte[]? input, params string[] args)
    {
        var (exit, output, error) = await ExecAsync(Gpg, input, ["--homedir", Home, "--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "", .. args]);
        return exit == 0 ? output : throw new InvalidOperationException($"gpg {string.Join(' ', args)} failed ({exit}): {error}");
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
        // The agent gpg started for this home, and only that one.
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("/usr/bin/gpgconf") { ArgumentList = { "--homedir", Home, "--kill", "gpg-agent" }, UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
