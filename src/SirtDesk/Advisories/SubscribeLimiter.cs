using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SirtDesk.Advisories;

/// <summary>
/// The per-client limit of the public subscription form: every accepted POST makes the server mail an address the
/// visitor typed, so one client must not be able to mail many addresses. Fixed windows of the ASP.NET rate limiter,
/// partitioned by client (<see cref="Client"/>: IPv6 by /64; Intake's limiter still counts single addresses), taken
/// by the POST handler itself: a page-level policy would also throttle reading the advisory list. (The same address gets at most one confirmation mail a day anyway, see
/// <see cref="AdvisoryNotifications.SubscribeAsync"/>.)
/// </summary>
public sealed class SubscribeLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SubscribeLimiter(IOptionsMonitor<AdvisoryOptions> options) =>
        limiter = PartitionedRateLimiter.Create<string, string>(client =>
        {
            var limit = options.CurrentValue.SubscribeLimitPerHour;
            return limit <= 0
                ? RateLimitPartition.GetNoLimiter(client)
                : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromHours(1),
                    QueueLimit = 0,
                });
        });

    /// <summary>Takes one attempt for the request's client; null when allowed, else how long until the next is.</summary>
    public TimeSpan? TryAcquire(HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(Client(http.Connection.RemoteIpAddress));
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromHours(1);
    }

    /// <summary>
    /// The partition of a client address: IPv4 as is, IPv6 by its /64 (one subscriber line gets a whole /64, so
    /// counting single IPv6 addresses would let one client rotate through billions of them).
    /// </summary>
    public static string Client(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => limiter.Dispose();
}
