using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>One client device on the chat hub, recording every event it receives.</summary>
public sealed class Device : IAsyncDisposable
{
    private static readonly string[] Events = ["message", "messageUpdated", "typing", "receipt", "online", "conversation", "notification", "feed"];
    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _received = new();

    private Device(HubConnection connection)
    {
        Connection = connection;
        connection.Reconnected += _ =>
        {
            Interlocked.Increment(ref _reconnects);
            return Task.CompletedTask;
        };
        connection.Reconnecting += error =>
        {
            _history.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} reconnecting: {error?.Message}");
            return Task.CompletedTask;
        };
        connection.Closed += error =>
        {
            _history.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} closed: {error?.GetType().Name} {error?.Message}");
            return Task.CompletedTask;
        };
        foreach (var name in Events)
            connection.On<JsonElement>(name, payload => _received.Enqueue((name, payload)));
    }

    public HubConnection Connection { get; }

    private int _reconnects;
    private readonly ConcurrentQueue<string> _history = new();

    /// <summary>What happened to the connection (reconnecting, closed, with the errors): for failure messages.</summary>
    public string History => string.Join("\n", _history);

    /// <summary>How often the connection was lost and re-established by automatic reconnect.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>A device on an in-memory test host (long polling through the test server).</summary>
    public static Task<Device> ConnectAsync(ChitLaqAppFactory app, string accessToken) =>
        StartAsync(new HubConnectionBuilder().WithUrl(new Uri(app.Server.BaseAddress, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        }).Build());

    /// <summary>A device on a real node process, over WebSockets; with <paramref name="reconnect"/>, it reconnects as the web client does.</summary>
    public static Task<Device> ConnectAsync(Uri node, string accessToken, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(node, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        });
        if (reconnect) builder.WithAutomaticReconnect(LikeTheWebClient);
        return StartAsync(builder.Build());
    }

    /// <summary>As the web client does: retry at once, then back off, for about a minute.</summary>
    private static readonly TimeSpan[] LikeTheWebClient =
    [
        TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10),
    ];

    /// <summary>
    /// A device reaching a node through a TLS proxy (nginx in the tests) over WebSockets, trusting
    /// exactly the proxy's certificate (self-signed in tests) and nothing else.
    /// </summary>
    public static Task<Device> ConnectThroughTlsAsync(Uri proxy, string accessToken, X509Certificate2 trusted, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(proxy, "/hubs/chat"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            options.TrustOnly(trusted);
        });
        if (reconnect) builder.WithAutomaticReconnect(LikeTheWebClient);
        return StartAsync(builder.Build());
    }

    private static async Task<Device> StartAsync(HubConnection connection)
    {
        var device = new Device(connection);
        await connection.StartAsync();
        return device;
    }

    public IReadOnlyList<JsonElement> Received(string method) => _received.Where(e => e.Method == method).Select(e => e.Payload).ToList();

    /// <summary>Waits until an event of the kind that matches arrives.</summary>
    public Task<JsonElement> WaitFor(string method, Func<JsonElement, bool>? match = null) =>
        Eventually.Satisfies(() => Task.FromResult(Received(method).FirstOrDefault(e => match?.Invoke(e) ?? true)),
            e => e.ValueKind != JsonValueKind.Undefined, $"a '{method}' event arrives", TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
