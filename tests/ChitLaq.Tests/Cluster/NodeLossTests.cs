using System.Diagnostics;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// Live delivery survives losing a node: three node processes on real PostgreSQL and Redis, one
/// device on each. A killed node (SIGKILL) costs the devices on the others at most the cluster's
/// failure detection; a restarted node's devices get messages live at once; a drained node exits
/// quickly. Bounds are generous; the measured times are printed. Slow: node processes.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class NodeLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(nodeCount: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Uri Node(int i) => _cluster.Nodes[i].Http.BaseAddress!;

    [Fact]
    public async Task AfterANodeIsKilledDevicesOnTheOthersGetMessagesLiveAndItsDevicesDoOnceItIsBack()
    {
        var ada = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var bo = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var cy = await _cluster.Nodes[0].RegisterVerifiedAsync();
        using var adaHttp = _cluster.Nodes[0].ClientFor(ada.AccessToken);
        var group = (await (await adaHttp.PostAsJsonAsync("/api/v1/conversations",
            new { memberHandles = new[] { bo.User.Handle, cy.User.Handle }, title = "study group" })).Content.ReadFromJsonAsync<ConversationDto>())!;

        await using var adaPhone = await Device.ConnectAsync(Node(0), ada.AccessToken);
        await using var boPhone = await Device.ConnectAsync(Node(1), bo.AccessToken);
        await using var cyPhone = await Device.ConnectAsync(Node(2), cy.AccessToken, reconnect: true);
        var seq = 0L;
        seq = await SendUntilAcknowledged(adaPhone, group.Id, "before", seq);
        await boPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == seq);
        await cyPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == seq);

        // Kill node 2. Ada keeps writing once a second (retrying with the same client id, as the web
        // client does) until a message reaches bo's device on node 1 live.
        var killedAt = Stopwatch.StartNew();
        await _cluster.Nodes[2].KillAsync();
        var healed = await Eventually.Satisfies(async () =>
        {
            var sent = await SendUntilAcknowledged(adaPhone, group.Id, "after the kill", seq);
            seq = sent;
            var live = await Task.WhenAny(boPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == sent), Task.Delay(1000));
            return live is Task<System.Text.Json.JsonElement>;
        }, delivered => delivered, "a message reaches the device on a surviving node live", TimeSpan.FromSeconds(60));
        Assert.True(healed);
        var liveAgainAfter = killedAt.Elapsed;
        output.WriteLine($"SIGKILL of node 3: live delivery to a surviving node's device resumed after {liveAgainAfter.TotalSeconds:F1} s");

        // Node 2 comes back on the same port; cy's phone reconnects by itself and gets the next message live.
        var restartedAt = Stopwatch.StartNew();
        var restarted = SiloProcess.Start(_cluster.Database.ConnectionString, TestEnvironment.RedisConnectionString, _cluster.ClusterId,
            httpPort: _cluster.Nodes[2].HttpPort);
        await using var _ = restarted;
        await restarted.WaitUntilReadyAsync();
        await Eventually.Satisfies(() => Task.FromResult(cyPhone.Connection.State == HubConnectionState.Connected && cyPhone.Reconnects > 0),
            connected => connected, $"cy's phone reconnects to the restarted node\n{cyPhone.History}", TimeSpan.FromSeconds(90));
        var reconnectedAfter = restartedAt.Elapsed;
        var nextSeq = await SendUntilAcknowledged(adaPhone, group.Id, "welcome back", seq);
        var live = Stopwatch.StartNew();
        await cyPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == nextSeq);
        output.WriteLine($"restarted node 3 ready and cy reconnected after {reconnectedAfter.TotalSeconds:F1} s; next message live in {live.ElapsedMilliseconds} ms");
        Assert.True(live.Elapsed < TimeSpan.FromSeconds(5), $"the rejoined node's device got the message live ({live.ElapsedMilliseconds} ms)");

        // Nothing acknowledged is lost and nothing is doubled: Resume from the start gives 1..seq.
        var all = await boPhone.Connection.InvokeAsync<List<MessageDto>>("Resume", group.Id, 0L);
        Assert.Equal(Enumerable.Range(1, (int)nextSeq).Select(i => (long)i), all.Select(m => m.Seq));
    }

    [Fact]
    public async Task ADrainedNodeLeavesQuicklyAndTheOthersDevicesKeepGettingMessagesLive()
    {
        var ada = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var bo = await _cluster.Nodes[0].RegisterVerifiedAsync();
        using var adaHttp = _cluster.Nodes[0].ClientFor(ada.AccessToken);
        var chats = new List<ConversationDto>();
        // Several chats, so that some of their grains live on the node that is drained.
        for (var i = 0; i < 6; i++)
        {
            var other = await _cluster.Nodes[i % 3].RegisterVerifiedAsync();
            chats.Add((await (await adaHttp.PostAsJsonAsync("/api/v1/conversations",
                new { memberHandles = new[] { bo.User.Handle, other.User.Handle }, title = $"group {i}" })).Content.ReadFromJsonAsync<ConversationDto>())!);
        }
        await using var adaPhone = await Device.ConnectAsync(Node(0), ada.AccessToken);
        await using var boPhone = await Device.ConnectAsync(Node(1), bo.AccessToken);
        foreach (var chat in chats) await SendUntilAcknowledged(adaPhone, chat.Id, "warm", 0);

        var drain = Stopwatch.StartNew();
        var exitCode = await _cluster.Nodes[2].StopGracefullyAsync();
        output.WriteLine($"SIGTERM of node 3: the process exited after {drain.Elapsed.TotalSeconds:F1} s (exit code {exitCode})");
        Assert.Equal(0, exitCode);
        Assert.True(drain.Elapsed < TimeSpan.FromSeconds(8), $"the drained node exits promptly, within the 5 s target and well before the 10 s shutdown timeout ({drain.Elapsed.TotalSeconds:F1} s)");

        var afterDrain = Stopwatch.StartNew();
        foreach (var chat in chats)
        {
            var sent = await SendUntilAcknowledged(adaPhone, chat.Id, "after the drain", 1);
            await boPhone.WaitFor("message", m => m.GetProperty("conversationId").GetString() == chat.Id && m.GetProperty("seq").GetInt64() == sent);
        }
        output.WriteLine($"after the drain every chat delivered live to the other node's device within {afterDrain.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Sends until acknowledged with one client id (a failover in between is retried); returns the seq.</summary>
    private static async Task<long> SendUntilAcknowledged(Device device, string conversationId, string text, long previousSeq)
    {
        var clientId = Guid.NewGuid().ToString("N");
        var message = await Eventually.Satisfies(async () =>
        {
            try { return await device.Connection.InvokeAsync<MessageDto>("SendMessage", conversationId, clientId, $"{text} #{previousSeq + 1}"); }
            catch (Exception) { return null; }
        }, m => m is not null, "the send is acknowledged", TimeSpan.FromSeconds(60));
        return message!.Seq;
    }
}
