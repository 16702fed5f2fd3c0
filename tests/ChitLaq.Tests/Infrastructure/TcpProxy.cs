using System.Net;
using System.Net.Sockets;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server, so a test can make that server unreachable
/// (<see cref="Cut"/>: existing connections dropped, new ones refused) and bring it back
/// (<see cref="Restore"/>) without stopping the server other tests share.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        Port = FreePorts.Next();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptLoop(_listener, _stop.Token);
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptLoop(TcpListener listener, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(cancellation); }
            catch { return; }
            _ = Relay(inbound, cancellation);
        }
    }

    private async Task Relay(TcpClient inbound, CancellationToken cancellation)
    {
        var outbound = new TcpClient();
        lock (_open) { _open.Add(inbound); _open.Add(outbound); }
        try
        {
            await outbound.ConnectAsync(_target, cancellation);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, cancellation), b.CopyToAsync(a, cancellation));
        }
        catch
        {
            // A cut or a closed peer ends the relay; both sides are closed below.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
