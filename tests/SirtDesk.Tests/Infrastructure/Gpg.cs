using System.Diagnostics;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>GnuPG (Debian gnupg) in a private home directory: the interop peer of the mail channel tests.</summary>
public sealed class Gpg : IDisposable
{
    public string Home { get; } = Path.Combine(Path.GetTempPath(), "sirtdesk-gpg-" + Guid.NewGuid().ToString("N")[..12]);

    public Gpg()
    {
        Directory.CreateDirectory(Home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

    public Task<Result> RunAsync(byte[]? stdin, params string[] args) => RunToolAsync("gpg", stdin, ["--homedir", Home, "--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "", .. args]);

    public Task<Result> RunAsync(string stdin, params string[] args) => RunAsync(System.Text.Encoding.UTF8.GetBytes(stdin), args);

    public async Task<Result> RunToolAsync(string tool, byte[]? stdin, params string[] args)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["GNUPGHOME"] = Home;
        using var process = Process.Start(info)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await copy;
        var bytes = stdout.ToArray();
        return new Result(process.ExitCode, System.Text.Encoding.UTF8.GetString(bytes), await stderr, bytes);
    }

    /// <summary>Makes a key pair in this home and returns its fingerprint.</summary>
    public async Task<string> GenerateAsync(string uid, string algorithm = "ed25519")
    {
        var made = await RunAsync((byte[]?)null, "--quick-gen-key", uid, algorithm == "ed25519" ? "ed25519" : algorithm, "cert,sign", "never");
        Assert.True(made.ExitCode == 0, made.Stderr);
        var fingerprint = await FingerprintAsync(uid);
        var sub = await RunAsync((byte[]?)null, "--quick-add-key", fingerprint, algorithm == "ed25519" ? "cv25519" : algorithm, "encr", "never");
        Assert.True(sub.ExitCode == 0, sub.Stderr);
        return fingerprint;
    }

    public async Task<string> FingerprintAsync(string who)
    {
        var listed = await RunAsync((byte[]?)null, "--with-colons", "--fingerprint", who);
        return listed.Stdout.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
