using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Storage;

namespace SirtDesk.Tests.Infrastructure;

/// <summary>A message as the SMTP server got it: the envelope, the exact bytes and the parsed message.</summary>
public sealed record CapturedMail(string MailFrom, IReadOnlyList<string> RcptTo, byte[] Raw, MimeMessage Message);

/// <summary>
/// An SMTP server (NuGet SmtpServer) on a loopback port that keeps every message it receives. The port is chosen
/// when the object is made, so an app can be configured with it before the server runs (or while it is "down").
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly List<CapturedMail> received = [];
    private readonly SemaphoreSlim arrived = new(0);
    private CancellationTokenSource? stop;
    private Task? running;

    public int Port { get; } = FreePort();

    public IReadOnlyList<CapturedMail> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public IReadOnlyList<CapturedMail> To(string address) =>
        [.. Received.Where(m => m.RcptTo.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public SmtpCapture Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("capture.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .MaxMessageSize(25 * 1024 * 1024)
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new RejectUnknown());
        var listeners = new NoDelayListenerFactory();
        services.Add((IEndpointListenerFactory)listeners);
        var server = new SmtpServer.SmtpServer(options, services);
        stop = new CancellationTokenSource();
        running = server.StartAsync(stop.Token);
        if (!listeners.Started.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("The capture SMTP server did not start.");
        }
        return this;
    }

    /// <summary>Waits for the first message to <paramref name="address"/> (whose subject contains <paramref name="subject"/>, when given).</summary>
    public async Task<CapturedMail> WaitForAsync(string address, string? subject = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (To(address).FirstOrDefault(m => subject is null || (m.Message.Subject ?? "").Contains(subject, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }
            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No mail to {address} arrived.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stop, null) is { } s)
        {
            await s.CancelAsync();
            try
            {
                await running!;
            }
            catch (OperationCanceledException)
            {
            }
            s.Dispose();
        }
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Addresses whose local part starts with "unknown" do not exist here: RCPT TO gets a permanent 550.</summary>
    private sealed class RejectUnknown : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken token) =>
            Task.FromResult(!to.User.StartsWith("unknown", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Store(SmtpCapture capture) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            var message = await MimeMessage.LoadAsync(new MemoryStream(raw), cancellationToken);
            var mail = new CapturedMail($"{transaction.From.User}@{transaction.From.Host}", [.. transaction.To.Select(t => $"{t.User}@{t.Host}")], raw, message);
            lock (capture.received)
            {
                capture.received.Add(mail);
            }
            capture.arrived.Release();
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// Nagle on the server socket plus delayed ACK costs ~45 ms per message (STACK.md §5); accepted sockets
    /// inherit TCP_NODELAY from the listening socket on Linux. EndpointListener keeps its TcpListener private.
    /// </summary>
    private sealed class NoDelayListenerFactory : EndpointListenerFactory
    {
        private static readonly FieldInfo TcpListenerField = typeof(EndpointListener).GetField("_tcpListener", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("SmtpServer's EndpointListener has no _tcpListener field any more.");

        public ManualResetEventSlim Started { get; } = new();

        public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = base.CreateListener(endpointDefinition);
            ((TcpListener)TcpListenerField.GetValue(listener)!).Server.NoDelay = true;
            Started.Set();
            return listener;
        }
    }
}
