using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// The runbook's rolling restart: two nodes behind the shipped nginx config; the node holding
/// the chat connections is drained with SIGTERM; the devices reconnect through nginx to the other
/// node, Resume, and lose nothing. Slow: node processes, Redis and nginx.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RollingRestartTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;
    private LocalNginx _nginx = null!;

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.StartAsync(nodeCount: 2);
        _nginx = await LocalNginx.StartAsync(_cluster.Nodes[0].HttpPort, _cluster.Nodes[1].HttpPort);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task DrainingTheNodeThatHoldsTheChatsMovesThemToTheOtherWithoutLosingAMessage()
    {
        var ada = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var bo = await _cluster.Nodes[0].RegisterVerifiedAsync();
        using var adaHttp = _nginx.Client(ada.AccessToken);
        var chat = (await (await adaHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } }))
            .Content.ReadFromJsonAsync<ConversationDto>())!;

        // nginx spreads sessions over the nodes (by token, not by address): note where bo's phone
        // landed before ada's connects. That node is drained; ada's phone may be on either.
        await using var boPhone = await Device.ConnectThroughTlsAsync(_nginx.Address, bo.AccessToken, _nginx.Certificate, reconnect: true);
        var holding = await NodeHoldingConnectionsAsync();
        await using var adaPhone = await Device.ConnectThroughTlsAsync(_nginx.Address, ada.AccessToken, _nginx.Certificate, reconnect: true);
        var adaOnTheSameNode = await OnlineAsync(holding) == 2;
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m1", "before the restart");
        await boPhone.WaitFor("message");

        var draining = holding.StopGracefullyAsync();

        // Writes during the drain go through nginx to the other node (retried with the same client id).
        var duringDrain = await Eventually.Satisfies(async () =>
        {
            var response = await adaHttp.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "during the drain", clientMessageId = "m2" });
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<MessageDto>() : null;
        }, message => message is not null, "a send during the drain is acknowledged", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await draining);

        await Eventually.Satisfies(() => Task.FromResult(boPhone.Reconnects > 0 && (adaPhone.Reconnects > 0 || !adaOnTheSameNode)
                && adaPhone.Connection.State == HubConnectionState.Connected && boPhone.Connection.State == HubConnectionState.Connected),
            reconnected => reconnected, $"the drained node's phones reconnected through nginx\nada: {adaPhone.History}\nbo: {boPhone.History}\n"
                                        + string.Join("\n", _cluster.Nodes.Select(n => n.Output[^Math.Min(n.Output.Length, 3000)..])),
            TimeSpan.FromSeconds(60));

        // What bo missed while reconnecting comes from Resume; nothing twice, nothing lost.
        var missed = await boPhone.Connection.InvokeAsync<List<MessageDto>>("Resume", chat.Id, 1L);
        Assert.Equal([duringDrain!.Seq], missed.Select(m => m.Seq));
        Assert.Equal("during the drain", missed.Single().Text);

        // The chat goes on: a new message is acknowledged by the surviving node and reaches bo's
        // reconnected phone live (events go to every node; no copy of bo's route could be stale).
        var sent = await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "m3", "after the restart");
        Assert.Equal(3, sent.Seq);
        var live = await Task.WhenAny(boPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 3), Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(live is Task<System.Text.Json.JsonElement>, $"bo's phone gets the message sent after the failover live\n{boPhone.History}");
    }

    private async Task<SiloProcess> NodeHoldingConnectionsAsync()
    {
        foreach (var node in _cluster.Nodes)
            if (await OnlineAsync(node) >= 1) return node;
        throw new InvalidOperationException("no node reports the phone online");
    }

    private static async Task<double> OnlineAsync(SiloProcess node) =>
        MetricsText.Value(await node.Http.GetStringAsync("/metrics"), "chitlaq_users_online");
}
