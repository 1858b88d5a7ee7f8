using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SirtDesk.Tests.Cli;

/// <summary>The real `sirtdesk` binary (the app's build output beside the tests) run as its own process.</summary>
public static class SirtDeskProcess
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "sirtdesk.dll");

    public static ProcessStartInfo Start(string dataDir, string? connectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.ArgumentList.Add("--data-dir");
        info.ArgumentList.Add(dataDir);
        info.Environment["SIRTDESK_Intake__RateLimitPerMinute"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (connectionString is not null)
        {
            info.Environment["SIRTDESK_Database__Provider"] = "postgres";
            info.Environment["SIRTDESK_ConnectionStrings__SirtDesk"] = connectionString;
        }
        return info;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string dataDir, string? connectionString, string? stdin, params string[] args)
    {
        using var p = Process.Start(Start(dataDir, connectionString, args))!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
        }
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }

    /// <summary>Runs a verb with exact bytes on stdin (a raw message for <c>mailgate</c>).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithBytesAsync(string dataDir, string? connectionString, byte[] stdin, params string[] args)
    {
        using var p = Process.Start(Start(dataDir, connectionString, args))!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.StandardInput.BaseStream.WriteAsync(stdin);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static async Task WaitHealthyAsync(HttpClient client, Process process)
    {
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("sirtdesk exited: " + await process.StandardError.ReadToEndAsync());
            }
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("sirtdesk did not become healthy");
    }
}
