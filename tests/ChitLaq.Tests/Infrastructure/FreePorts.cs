using System.Net;
using System.Net.Sockets;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// TCP ports nothing listens on. Each co-hosted silo opens real silo and gateway ports, so every
/// host a test starts gets its own; a port is never handed out twice in one test run.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port)) return port;
            }
        }
    }
}
