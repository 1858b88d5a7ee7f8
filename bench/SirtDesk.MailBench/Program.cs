using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SirtDesk.Cases;
using SirtDesk.Crypto;
using SirtDesk.Data;
using SirtDesk.Intake;
using SirtDesk.Mail;
using SirtDesk.PublicSite;
using SirtDesk.Sla;
using SirtDesk.Staff;
using SirtDesk.Web;

// Issue 5's figure: inbound PGP/MIME throughput (parse + decrypt + verify + store) for RSA-4096 and Cv25519 team
// keys, beside gpg --decrypt of the same messages and openssl's raw RSA-4096 private-key rate. Run by bench/mail.sh.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SirtDesk.MailBench DIR [MESSAGES] [RUNS] [CONCURRENCY]");
    return 64;
}
var dir = Path.GetFullPath(args[0]);
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var cores = Environment.ProcessorCount;
var concurrency = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4 * cores;
return await MailBench.RunAsync(dir, count, runs, concurrency, cores);

internal static class MailBench
{
    private const string RunTag = "@@RUN@@";

    private sealed record KeyCase(string Name, string Team, string TeamAddress, string Algorithm)
    {
        public List<byte[]> Raw { get; } = [];
        public List<byte[]> Payloads { get; } = [];
        public List<string> Files { get; } = [];
    }

    public static async Task<int> RunAsync(string dir, int count, int runs, int concurrency, int cores)
    {
        Directory.CreateDirectory(dir);
        var ct = CancellationToken.None;
        Console.WriteLine($"messages per key type: {count}; runs: {runs}; in flight (product path): {concurrency}; cores: {cores}");

        // The product as the server builds it (Program.cs), on a SQLite data directory of its own; only the hosted
        // services the mail path needs run: the group-commit writer and the WAL checkpointer (no Kestrel, no
        // search indexer, no SLA monitor).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["PublicSite:BaseUrl"] = "https://security.example.com";
        builder.AddData(CommandLine.Parse(["--data-dir", Path.Combine(dir, "data")]));
        builder.AddCrypto();
        builder.AddWeb();
        builder.AddPublicSite();
        builder.AddIntake();
        builder.AddStaff();
        builder.AddCases();
        builder.AddSla();
        builder.AddMail();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync(ct);
        var hosted = app.Services.GetServices<IHostedService>().Where(s => s is IntakeWriter or WalCheckpointer).ToList();
        foreach (var s in hosted)
        {
            await s.StartAsync(ct);
        }
        var intake = app.Services.GetRequiredService<MailIntake>();

        // Keys: a team key of each type, made by the product; a sender key of the same type, imported as a partner key.
        var rsa = new KeyCase("rsa4096", "psirt", "psirt@example.com", OpenPgp.Rsa4096);
        var cv = new KeyCase("cv25519", "csirt", "security@example.com", OpenPgp.Ed25519);
        var cases = new[] { rsa, cv };
        var sendHome = GpgHome(dir, "gpg-send");
        var recvHome = GpgHome(dir, "gpg-recv");
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<TeamKeys>();
            foreach (var k in cases)
            {
                var team = await keys.GenerateAsync(k.Team, $"Team {k.Team} <{k.TeamAddress}>", k.Algorithm, null, ct);
                var sender = OpenPgp.Generate($"Reporter {k.Name} <reporter-{k.Name}@example.org>", k.Algorithm, clock.GetUtcNow(), null);
                var senderPublic = OpenPgp.PublicRing(sender);
                await keys.ImportPartnerAsync(Encoding.ASCII.GetBytes(OpenPgp.Armor(senderPublic)), "bench", ct);
                var teamSecret = (await keys.KeyringAsync(ct)).Current(k.Team) ?? throw new InvalidOperationException("no team key");
                await Gpg(sendHome, OpenPgp.Binary(sender), "--import");
                await Gpg(sendHome, Encoding.ASCII.GetBytes(team.PublicArmored), "--import");
                await Gpg(recvHome, OpenPgp.Binary(teamSecret), "--import");
                await Gpg(recvHome, OpenPgp.Binary(senderPublic), "--import");
                var senderFingerprint = OpenPgp.Facts(senderPublic).Fingerprint;
                await MakeMessagesAsync(k, sendHome, senderFingerprint, team.Fingerprint, count, cores, dir);
            }
        }
        foreach (var k in cases)
        {
            Console.WriteLine($"{k.Name}: {k.Raw.Count} messages, raw size median {Median(k.Raw.Select(r => (double)r.Length)):0} bytes "
                + $"(PGP part {Median(k.Payloads.Select(r => (double)r.Length)):0} bytes; signed plaintext ~2 kB)");
        }

        var lines = new List<string>();
        var keyring = await KeyringAsync(app);
        var maxPlaintext = new MailOptions().MaxDecryptedBytes;

        // openssl's raw RSA-4096 private-key rate, one process and one per core: the ceiling for the RSA figure.
        var opensslOne = new List<double>();
        var opensslAll = new List<double>();
        for (var r = 0; r < Math.Min(runs, 3); r++)
        {
            opensslOne.Add(await OpensslSignRateAsync(1));
            opensslAll.Add(await OpensslSignRateAsync(cores));
        }
        lines.Add($"openssl speed -seconds 5 rsa4096 (1 process): {Median(opensslOne):0} private-key ops/s [{Join(opensslOne, "0")}]");
        lines.Add($"openssl speed -multi {cores} -seconds 5 rsa4096 (ceiling): {Median(opensslAll):0} private-key ops/s [{Join(opensslAll, "0")}]");
        Console.WriteLine(lines[^2]);
        Console.WriteLine(lines[^1]);

        // The same private-key step in the two libraries the product can use, one thread each.
        var secret = keyring.Current(rsa.Team)!.GetSecretKeys().Last().ExtractPrivateKey([]);
        var crt = (RsaPrivateCrtKeyParameters)secret.Key;
        using var dotnetRsa = RSA.Create(DotNetUtilities.ToRSAParameters(crt));
        var block = dotnetRsa.Encrypt(RandomNumberGenerator.GetBytes(35), RSAEncryptionPadding.Pkcs1);
        var bcRates = new List<double>();
        var netRates = new List<double>();
        for (var r = 0; r < Math.Min(runs, 3); r++)
        {
            bcRates.Add(OpsPerSecond(() =>
            {
                var engine = new Pkcs1Encoding(new RsaBlindedEngine());
                engine.Init(false, crt);
                engine.ProcessBlock(block, 0, block.Length);
            }));
            netRates.Add(OpsPerSecond(() => dotnetRsa.Decrypt(block, RSAEncryptionPadding.Pkcs1)));
        }
        lines.Add($"RSA-4096 PKCS#1 decrypt, 1 thread: BouncyCastle {Median(bcRates):0}/s [{Join(bcRates, "0")}] = {Median(bcRates) / Median(opensslOne):0.00} of openssl; "
            + $".NET RSA {Median(netRates):0}/s [{Join(netRates, "0")}] = {Median(netRates) / Median(opensslOne):0.00} of openssl");
        Console.WriteLine(lines[^1]);

        var gpgOverhead = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var sw = Stopwatch.StartNew();
            await Gpg(recvHome, null, "--dearmor", "--output", "-", rsa.Files[i]);
            gpgOverhead.Add(sw.Elapsed.TotalMilliseconds);
        }
        lines.Add($"gpg per-process overhead (gpg --dearmor of one message, no key operation, 30 sequential runs): median {Median(gpgOverhead):0.0} ms, p90 {Percentile(gpgOverhead, 0.9):0.0} ms");
        Console.WriteLine(lines[^1]);

        foreach (var k in cases)
        {
            // Product path: MailIntake.AcceptAsync with the real IntakeWriter and SQLite, several messages in flight.
            await ProductRunAsync(intake, k, "warm", concurrency, Math.Min(50, count));
            var product = new List<Figure>();
            for (var r = 1; r <= runs; r++)
            {
                var f = await ProductRunAsync(intake, k, "run" + r.ToString(CultureInfo.InvariantCulture), concurrency, count);
                Console.WriteLine($"  {k.Name} product run {r}: {f}");
                product.Add(f);
            }
            // The same with one message in flight per core: per-message latency with less queueing behind other messages.
            var perCore = new List<Figure>();
            for (var r = 1; r <= runs; r++)
            {
                var f = await ProductRunAsync(intake, k, "core" + r.ToString(CultureInfo.InvariantCulture), cores, count);
                Console.WriteLine($"  {k.Name} product run {r}, {cores} in flight: {f}");
                perCore.Add(f);
            }
            await CheckStoredAsync(app, k.Team);

            // Decryption and signature check alone (Keyring.Decrypt of the PGP part, no MIME, no database), one worker per core.
            var alone = new List<Figure>();
            for (var r = 1; r <= runs; r++)
            {
                var f = DecryptRun(keyring, k, cores, maxPlaintext, clock.GetUtcNow());
                Console.WriteLine($"  {k.Name} decrypt+verify run {r}: {f}");
                alone.Add(f);
            }

            // gpg --decrypt (which verifies the signature too) of the same PGP parts: one process per message, one per core.
            var gpg = new List<Figure>();
            for (var r = 1; r <= runs; r++)
            {
                var f = await GpgRunAsync(recvHome, k, cores);
                Console.WriteLine($"  {k.Name} gpg --decrypt run {r}: {f}");
                gpg.Add(f);
            }
            // gpg without its per-process cost: one process decrypting every message (gpg --decrypt-files), for reference.
            var gpgFiles = new List<double>();
            for (var r = 1; r <= Math.Min(runs, 3); r++)
            {
                gpgFiles.Add(await GpgDecryptFilesAsync(recvHome, k, dir));
            }

            var ceiling = Median(opensslAll);
            lines.Add($"{k.Name} product path (parse+decrypt+verify+store, {concurrency} in flight): {Summary(product)}"
                + (k == rsa ? $"; {Median(product.Select(f => f.PerSecond)) / ceiling:0.00} of the openssl ceiling" : ""));
            lines.Add($"{k.Name} product path, {cores} in flight (one per core): {Summary(perCore)}");
            lines.Add($"{k.Name} decrypt+verify alone ({cores} workers, no MIME, no DB): {Summary(alone)}");
            lines.Add($"{k.Name} gpg --decrypt, one process per message, {cores} in parallel: {Summary(gpg)}");
            lines.Add($"{k.Name} gpg --decrypt-files, one process for all {count} messages: {Median(gpgFiles):0} msg/s [{Join(gpgFiles, "0")}]");
            foreach (var l in lines.TakeLast(5))
            {
                Console.WriteLine(l);
            }
        }

        foreach (var s in hosted)
        {
            await s.StopAsync(ct);
        }
        await Gpgconf(sendHome);
        await Gpgconf(recvHome);
        Console.WriteLine();
        Console.WriteLine("summary:");
        foreach (var l in lines)
        {
            Console.WriteLine(l);
        }
        return 0;
    }

    private sealed record Figure(double PerSecond, double P50, double P99)
    {
        public override string ToString() => $"{PerSecond:0.0} msg/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms";
    }

    private static string Summary(List<Figure> runs) =>
        $"median {Median(runs.Select(f => f.PerSecond)):0.0} msg/s [{Join(runs.Select(f => f.PerSecond), "0.0")}], "
        + $"p50 {Median(runs.Select(f => f.P50)):0.0} ms, p99 median {Median(runs.Select(f => f.P99)):0.0} ms [{Join(runs.Select(f => f.P99), "0.0")}]";

    private static async Task<Figure> ProductRunAsync(MailIntake intake, KeyCase k, string tag, int concurrency, int count)
    {
        // The outer headers are not covered by the encryption: a new Message-ID per run keeps runs from being duplicates.
        var raws = k.Raw.Take(count).Select(r => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(r).Replace(RunTag, tag, StringComparison.Ordinal))).ToArray();
        var latencies = new double[raws.Length];
        var next = -1;
        var failures = 0;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < raws.Length)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await intake.AcceptAsync(k.Team, raws[i], CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (result.Outcome != MailOutcome.Stored)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"message {i}: {result.Outcome} {result.Reason}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        total.Stop();
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} messages were not stored.");
        }
        return new Figure(raws.Length / total.Elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    private static async Task CheckStoredAsync(WebApplication app, string team)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SirtDb>();
        var states = await db.Reports.AsNoTracking().Where(r => r.Team == team).GroupBy(r => new { r.Encryption, r.SignatureStatus })
            .Select(g => new { g.Key.Encryption, g.Key.SignatureStatus, Count = g.Count() }).ToListAsync();
        Console.WriteLine($"  stored for {team}: {string.Join(", ", states.Select(s => $"{s.Count} {s.Encryption}/{s.SignatureStatus}"))}");
        if (states.Any(s => s.Encryption != "pgp-mime" || s.SignatureStatus != SignatureStates.Valid))
        {
            throw new InvalidOperationException("Some messages were not stored as pgp-mime with a valid signature.");
        }
    }

    private static Figure DecryptRun(Keyring keyring, KeyCase k, int workers, long maxPlaintext, DateTimeOffset now)
    {
        var latencies = new double[k.Payloads.Count];
        var total = Stopwatch.StartNew();
        Parallel.For(0, k.Payloads.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
        {
            var start = Stopwatch.GetTimestamp();
            var result = keyring.Decrypt(k.Payloads[i], maxPlaintext, now);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (result.Signature != SignatureStates.Valid)
            {
                throw new InvalidOperationException($"message {i}: signature {result.Signature}");
            }
        });
        total.Stop();
        return new Figure(k.Payloads.Count / total.Elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    private static async Task<Figure> GpgRunAsync(string home, KeyCase k, int parallel)
    {
        var latencies = new double[k.Files.Count];
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, k.Files.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var start = Stopwatch.GetTimestamp();
            // Exit code 0: decrypted, integrity check passed and the signature is good.
            await Gpg(home, null, "--trust-model", "always", "--yes", "--output", "-", "--decrypt", k.Files[i]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        total.Stop();
        return new Figure(k.Files.Count / total.Elapsed.TotalSeconds, Percentile(latencies, 0.5), Percentile(latencies, 0.99));
    }

    private static async Task<double> GpgDecryptFilesAsync(string home, KeyCase k, string dir)
    {
        var scratch = Path.Combine(dir, "decrypt-files");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, true);
        }
        Directory.CreateDirectory(scratch);
        var files = k.Files.Select(f =>
        {
            var copy = Path.Combine(scratch, Path.GetFileName(f));
            File.Copy(f, copy);
            return copy;
        }).ToList();
        var sw = Stopwatch.StartNew();
        await Gpg(home, null, ["--trust-model", "always", "--yes", "--decrypt-files", .. files]);
        sw.Stop();
        var decrypted = Directory.GetFiles(scratch).Count(f => !f.EndsWith(".asc", StringComparison.Ordinal));
        if (decrypted != files.Count)
        {
            throw new InvalidOperationException($"gpg --decrypt-files wrote {decrypted} of {files.Count} files.");
        }
        return files.Count / sw.Elapsed.TotalSeconds;
    }

    private static async Task MakeMessagesAsync(KeyCase k, string home, string sender, string recipient, int count, int parallel, string dir)
    {
        var folder = Path.Combine(dir, "messages-" + k.Name);
        Directory.CreateDirectory(folder);
        var made = new (byte[] Raw, byte[] Payload, string File)[count];
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var inner = Encoding.UTF8.GetBytes("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + ReportText(i, k.Name));
            var armored = await Gpg(home, inner, "--trust-model", "always", "--armor", "--sign", "--encrypt", "-u", sender, "-r", recipient, "--output", "-");
            var file = Path.Combine(folder, $"m{i:D5}.asc");
            await File.WriteAllBytesAsync(file, armored, CancellationToken.None);
            var raw = $"""
                From: Reporter {i} <reporter{i}@example.org>
                To: <{k.TeamAddress}>
                Subject: Bench report {i}: possible vulnerability in the login form
                Date: Wed, 25 Nov 2026 10:00:00 +0900
                Message-ID: <bench-{k.Name}-{i}-{RunTag}@example.org>
                MIME-Version: 1.0
                Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="bench-boundary"

                --bench-boundary
                Content-Type: application/pgp-encrypted
                Content-Description: PGP/MIME version identification

                Version: 1

                --bench-boundary
                Content-Type: application/octet-stream; name="encrypted.asc"
                Content-Description: OpenPGP encrypted message
                Content-Disposition: inline; filename="encrypted.asc"

                {Encoding.ASCII.GetString(armored).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')}

                --bench-boundary--

                """.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
            made[i] = (Encoding.ASCII.GetBytes(raw), armored, file);
        });
        Console.WriteLine($"{k.Name}: made {count} messages with gpg --sign --encrypt in {sw.Elapsed.TotalSeconds:0.0} s");
        foreach (var (raw, payload, file) in made)
        {
            k.Raw.Add(raw);
            k.Payloads.Add(payload);
            k.Files.Add(file);
        }
    }

    /// <summary>About 2 kB of report text, different for every message.</summary>
    private static string ReportText(int i, string name)
    {
        string[] words = ["login", "form", "session", "cookie", "token", "parameter", "request", "server", "reflected", "script", "header",
            "redirect", "password", "reset", "account", "admin", "endpoint", "version", "firmware", "update", "buffer", "overflow", "crash"];
        var random = new Random(i * 7919 + name.Length);
        var text = new StringBuilder($"Hello, this is report {i} ({name}).\r\n\r\n");
        while (text.Length < 1950)
        {
            var line = new StringBuilder();
            while (line.Length < 68)
            {
                line.Append(words[random.Next(words.Length)]).Append(' ');
                if (random.Next(6) == 0)
                {
                    line.Append(random.Next(100000).ToString(CultureInfo.InvariantCulture)).Append(' ');
                }
            }
            text.Append(line.ToString().TrimEnd()).Append("\r\n");
        }
        return text.Append("\r\nRegards,\r\nReporter\r\n").ToString();
    }

    private static async Task<Keyring> KeyringAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeamKeys>().KeyringAsync(CancellationToken.None);
    }

    private static string GpgHome(string dir, string name)
    {
        var home = Path.Combine(dir, name);
        Directory.CreateDirectory(home);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return home;
    }

    // Output always goes to stdout ("--output -") or a scratch file, never "--output /dev/null": gpg deletes its output
    // file when an operation fails, and as root that removes /dev/null.
    private static Task<byte[]> Gpg(string home, byte[]? stdin, params string[] args) =>
        RunAsync("gpg", stdin, ["--homedir", home, "--batch", "--no-tty", "--quiet", "--pinentry-mode", "loopback", "--passphrase", "", .. args]);

    private static async Task Gpgconf(string home) => await RunAsync("gpgconf", null, "--homedir", home, "--kill", "gpg-agent");

    private static async Task<double> OpensslSignRateAsync(int processes)
    {
        var output = Encoding.ASCII.GetString(processes > 1
            ? await RunAsync("openssl", null, "speed", "-multi", processes.ToString(CultureInfo.InvariantCulture), "-seconds", "5", "rsa4096")
            : await RunAsync("openssl", null, "speed", "-seconds", "5", "rsa4096"));
        // "rsa 4096 bits 0.006757s 0.000104s    148.0   9615.4": the third number is private-key (sign) operations per second.
        var line = output.Split('\n').Last(l => l.StartsWith("rsa 4096 bits", StringComparison.Ordinal) || l.StartsWith("rsa 4096 bit", StringComparison.Ordinal));
        var numbers = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(3).ToArray();
        return double.Parse(numbers[2], CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> RunAsync(string tool, byte[]? stdin, params string[] args)
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
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + tool);
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        await copy;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }
        return stdout.ToArray();
    }

    private static double OpsPerSecond(Action op)
    {
        op();
        var n = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(3))
        {
            op();
            n++;
        }
        return n / sw.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static string Join(IEnumerable<double> values, string format) =>
        string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
}
