using System.Net;
using System.Net.Sockets;

namespace ChitLaq.Grains.Push;

/// <summary>
/// A subscription's endpoint is a URL this server will call, so it must not point into the host's
/// own network (SSRF): only https on public addresses, checked when a device subscribes and again
/// on every connection the sender opens (a name can be re-pointed after it was checked).
/// <c>Push:AllowInsecureEndpoints</c> lifts both checks for a local push service.
/// </summary>
public static class PushEndpoints
{
    public const int MaxLength = 2048;

    /// <returns>null when the endpoint may be used; otherwise why not.</returns>
    public static async Task<string?> ProblemWithAsync(string endpoint, bool allowInsecure, CancellationToken cancellation = default)
    {
        if (endpoint.Length > MaxLength || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
            return "Give the endpoint URL of the browser's push subscription.";
        if (allowInsecure) return uri.Scheme is "https" or "http" ? null : "Push endpoints are http(s) URLs.";
        if (uri.Scheme != "https") return "Push endpoints must use https.";
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellation);
        }
        catch (SocketException)
        {
            return "The push endpoint's host name does not resolve.";
        }
        return addresses.Length > 0 && addresses.All(IsPublic) ? null : "Push endpoints must be on the public internet.";
    }

    /// <summary>False for loopback, private, link-local, carrier-grade NAT, multicast, documentation and reserved ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 198 && b[1] is 18 or 19)
                     || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                     || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var v6 = address.GetAddressBytes();
        return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                 || address.IsIPv6Multicast || (v6[0] & 0xfe) == 0xfc
                 || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8));
    }

    /// <summary>An HTTP handler that refuses to connect to anything but public addresses (unless insecure endpoints are allowed).</summary>
    public static SocketsHttpHandler GuardedHandler(bool allowInsecure) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, cancellation) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation);
            var allowed = allowInsecure ? addresses : addresses.Where(IsPublic).ToArray();
            if (allowed.Length == 0) throw new HttpRequestException($"Refused to connect to {context.DnsEndPoint.Host}: not a public address.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
