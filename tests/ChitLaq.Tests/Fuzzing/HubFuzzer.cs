using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace ChitLaq.Tests.Fuzzing;

/// <summary>
/// Drives the chat hub over a raw WebSocket with the JSON protocol, so arguments travel exactly as
/// generated (lone surrogates, wrong types and arities, unknown methods). Each invocation must get
/// its completion — a result or an error — on a connection that stays open.
/// </summary>
public sealed class HubFuzzer : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly string[] Methods = ["SendMessage", "Typing", "MarkDelivered", "MarkRead", "SetStatus", "Resume", "NoSuchMethod", "OnConnectedAsync", "Dispose", ""];
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private int _nextId;

    private HubFuzzer() { }

    public static async Task<HubFuzzer> ConnectAsync(Uri node, string accessToken)
    {
        var fuzzer = new HubFuzzer();
        var url = new UriBuilder(node) { Scheme = "ws", Path = "/hubs/chat", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        await fuzzer._socket.ConnectAsync(url, CancellationToken.None);
        await fuzzer.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await fuzzer.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (handshake is null || handshake.Contains("\"error\"")) throw new InvalidOperationException("hub handshake failed: " + handshake);
        return fuzzer;
    }

    /// <summary>Invocations with any arguments: strings, numbers past every limit, wrong JSON types, the real conversation id.</summary>
    public static Gen<(string Target, string Arguments)> Invocations(string conversationId)
    {
        var argument = Gen.Frequency(
            // Hub frames over 32 KiB close the connection by design (SignalR's MaximumReceiveMessageSize).
            (3, HostileValues.Text.Where(text => text.Length <= 4001).Select(HostileValues.String)),
            (2, Gen.Const(HostileValues.String(conversationId))),
            (2, HostileValues.NumberJson),
            (1, Gen.OneOfConst("null", "true", "[]", "{}", "[1,[2,[3]]]", "{\"a\":\"\\ud800\"}", "\"online\"", "\"away\"", "\"offline\"")));
        return Gen.Select(Gen.OneOfConst(Methods), argument.Array[0, 5])
            .Select((target, arguments) => (target, "[" + string.Join(",", arguments) + "]"));
    }

    /// <returns>null when the hub answered the invocation and the connection is still open; otherwise what went wrong.</returns>
    public async Task<string?> InvokeAsync(string target, string arguments)
    {
        var id = (++_nextId).ToString();
        await SendAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{HostileValues.String(target)},\"arguments\":{arguments}}}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null) return $"no completion for {target}({arguments}); socket {_socket.State}";
            using var frame = JsonDocument.Parse(message);
            var type = frame.RootElement.GetProperty("type").GetInt32();
            if (type == 7) return $"the hub closed the connection after {target}({arguments}): {message}";
            if (type == 3 && frame.RootElement.GetProperty("invocationId").GetString() == id) return null;
        }
        return $"no completion for {target}({arguments}) within 15 s";
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next protocol message (frames can carry several, or part of one), or null on close or time-out.</summary>
    private async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }
            try
            {
                var result = await _socket.ReceiveAsync(buffer, cancel.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        _socket.Dispose();
    }
}
