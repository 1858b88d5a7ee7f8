using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SirtDesk.Tests.Infrastructure;

namespace SirtDesk.Tests.Cli;

public sealed class CrashTests
{
    [Fact]
    public async Task Every_report_that_got_201_survives_kill_9_of_the_server()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "sirtdesk-crash", Guid.NewGuid().ToString("N"));
        var connection = await TestDatabase.CreateAsync();
        var port = SirtDeskProcess.FreePort();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var acknowledged = new ConcurrentDictionary<string, string>();

        using (var server = Process.Start(SirtDeskProcess.Start(dataDir, connection, "--urls", client.BaseAddress.ToString()))!)
        {
            await SirtDeskProcess.WaitHealthyAsync(client, server);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var title = $"crash {w}-{i} 脆弱性";
                    try
                    {
                        var r = await client.PostAsJsonAsync("/api/v1/reports", new { kind = "vulnerability", language = "ja", title, description = "kill -9 の直前に送信", reporter = new { email = "crash@example.org" } });
                        if (r.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged[(await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingNumber").GetString()!] = title;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone: what was not acknowledged may be lost
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));
            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} reports were acknowledged before the kill");
        if (!OperatingSystem.IsWindows())
        {
            // The at-rest key is readable by its owner only.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "keys", "at-rest.key")));
        }
        using var restarted = Process.Start(SirtDeskProcess.Start(dataDir, connection, "--urls", client.BaseAddress.ToString()))!;
        try
        {
            await SirtDeskProcess.WaitHealthyAsync(client, restarted);
            var (exit, output, error) = await SirtDeskProcess.RunAsync(dataDir, connection, "a password long enough\n", "admin", "create", "--email", "crash-admin@example.com");
            Assert.True(exit == 0, error);
            var token = (await SirtDeskProcess.RunAsync(dataDir, connection, null, "token", "create", "--user", "crash-admin@example.com", "--name", "crash")).Out.Trim().Split('\n')[^1];
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            foreach (var (number, title) in acknowledged)
            {
                var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{number}");
                Assert.Equal(title, report.GetProperty("title").GetString());
                Assert.Equal("kill -9 の直前に送信", report.GetProperty("description").GetString());
            }
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }
}
