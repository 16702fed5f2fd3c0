using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using ChitLaq.Api.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// A device that behaves like the web client under faults: it reconnects forever, calls
/// <c>Resume</c> for its conversation after every reconnect, and retries a send with the same
/// client message id until it is acknowledged. It records when each seq arrived live and which
/// it only got through Resume, for the chaos test's accounting.
/// </summary>
public sealed class ChattingDevice : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Stopwatch _clock;

    /// <summary>seq → when it arrived live (test clock).</summary>
    public ConcurrentDictionary<long, TimeSpan> Live { get; } = new();
    public ConcurrentDictionary<long, byte> Resumed { get; } = new();
    public string UserId { get; }
    public string ConversationId { get; }
    public int NodeIndex { get; }
    public bool IsConnected => _connection.State == HubConnectionState.Connected;
    public TimeSpan? DisconnectedSince { get; private set; }
    /// <summary>Each time the connection dropped and came back (test clock).</summary>
    public ConcurrentBag<(TimeSpan Dropped, TimeSpan Back)> Outages { get; } = [];

    private ChattingDevice(HubConnection connection, Stopwatch clock, string userId, string conversationId, int nodeIndex)
    {
        (_connection, _clock, UserId, ConversationId, NodeIndex) = (connection, clock, userId, conversationId, nodeIndex);
        connection.On<MessageDto>("message", message =>
        {
            if (message.ConversationId != ConversationId) return;
            var before = Contiguous();
            Live.TryAdd(message.Seq, _clock.Elapsed);
            // A seq past the next one: live events were lost on the way; fetch the gap (as the web client does).
            if (message.Seq > before + 1) _ = ResumeAsync();
        });
        // A node was declared dead: what it was sending is gone; catch up as after a reconnect.
        connection.On<System.Text.Json.JsonElement>("resync", reason =>
        {
            Resyncs++;
            _ = ResumeAsync();
        });
        connection.Reconnecting += _ =>
        {
            DisconnectedSince = _clock.Elapsed;
            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            if (DisconnectedSince is { } since) Outages.Add((since, _clock.Elapsed));
            DisconnectedSince = null;
            await ResumeAsync();
        };
    }

    /// <param name="trusted">Through a TLS proxy (nginx): the one certificate to trust.</param>
    public static async Task<ChattingDevice> ConnectAsync(Uri node, int nodeIndex, string accessToken, string userId, string conversationId, Stopwatch clock,
        X509Certificate2? trusted = null)
    {
        var log = new RecentLog();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node, "/hubs/chat"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                if (trusted is not null) options.TrustOnly(trusted);
            })
            .WithAutomaticReconnect(new Forever())
            .ConfigureLogging(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug))
            .Build();
        var device = new ChattingDevice(connection, clock, userId, conversationId, nodeIndex) { Log = log };
        await connection.StartAsync();
        return device;
    }

    /// <summary>Sends until acknowledged (same client id every time); null if it gave up by <paramref name="deadline"/>.</summary>
    public async Task<MessageDto?> SendAsync(string clientMessageId, string text, TimeSpan deadline)
    {
        while (_clock.Elapsed < deadline)
        {
            try
            {
                if (IsConnected)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    return await _connection.InvokeAsync<MessageDto>("SendMessage", ConversationId, clientMessageId, text, timeout.Token);
                }
            }
            catch (Exception) { /* a failover or a dropped connection: try again with the same id */ }
            await Task.Delay(250);
        }
        return null;
    }

    /// <summary>Every message of the conversation, paging through Resume.</summary>
    public async Task<List<MessageDto>> HistoryAsync()
    {
        var all = new List<MessageDto>();
        while (true)
        {
            var page = await _connection.InvokeAsync<List<MessageDto>>("Resume", ConversationId, all.Count == 0 ? 0L : all[^1].Seq);
            all.AddRange(page);
            if (page.Count < 500) return all;
        }
    }

    /// <summary>Resumes from the last seq up to which every message is here, as the web client does.</summary>
    private async Task ResumeAsync()
    {
        try
        {
            foreach (var message in await _connection.InvokeAsync<List<MessageDto>>("Resume", ConversationId, Contiguous()))
                if (!Live.ContainsKey(message.Seq)) Resumed.TryAdd(message.Seq, 0);
        }
        catch (Exception) { /* the next reconnect, gap or resync resumes again */ }
    }

    /// <summary>The highest seq with every seq from 1 to it received (live or resumed).</summary>
    private long Contiguous()
    {
        var seq = 0L;
        while (Live.ContainsKey(seq + 1) || Resumed.ContainsKey(seq + 1)) seq++;
        return seq;
    }

    /// <summary>What its SignalR client logged last (connection attempts, failures).</summary>
    public RecentLog Log { get; private init; } = new();

    /// <summary>How many times the server asked this device to resync (a node was lost).</summary>
    public int Resyncs { get; private set; }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>Like the web client: at once, then back off to every 2 s, never giving up.</summary>
    private sealed class Forever : IRetryPolicy
    {
        private static readonly TimeSpan[] Steps = [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.PreviousRetryCount < Steps.Length ? Steps[context.PreviousRetryCount] : TimeSpan.FromSeconds(2);
    }
}
