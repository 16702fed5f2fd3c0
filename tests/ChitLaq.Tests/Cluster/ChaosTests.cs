using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// Chaos: three node processes on real PostgreSQL and Redis, 48 students with two devices each
/// (96 hub clients spread over the nodes) in direct and group chats, every student sending a
/// message a second; for <see cref="ChaosLength"/> a node is killed (SIGKILL) or drained (SIGTERM)
/// and restarted every ~20 s, in turn. Devices behave like the web client (reconnect forever,
/// Resume after every reconnect, retry a send with the same client message id). Asserts: no
/// acknowledged message lost, none duplicated, seq gap-free in every conversation, and every
/// message acknowledged more than 10 s after the last disruption reached every member device
/// live. Prints per disruption: detection time, live-delivery gap, reconnect time.
/// Slow: node processes. <c>CHITLAQ_CHAOS_SECONDS</c> sets the chaos period (default 180).
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ChaosLength = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("CHITLAQ_CHAOS_SECONDS"), out var seconds) ? seconds : 180);
    private static readonly TimeSpan DisruptEvery = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LiveBound = TimeSpan.FromSeconds(5);   // the target is 2 s; the assertion is generous
    private static readonly TimeSpan QuietBeforeMeasuring = TimeSpan.FromSeconds(10);   // live delivery is measured from this long after the last disruption

    private RedisCluster _cluster = null!;
    private SiloProcess[] _nodes = null!;
    private readonly List<SiloProcess> _restarted = [];
    private readonly Stopwatch _clock = new();

    private sealed record Disruption(int Node, string Kind, TimeSpan At, TimeSpan Exit, TimeSpan? Detected, TimeSpan Ready, TimeSpan? Reconnected);

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.StartAsync(nodeCount: 3);
        _nodes = _cluster.Nodes.ToArray();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _restarted) await node.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task KillingAndDrainingNodesLosesNoAcknowledgedMessageAndLiveDeliveryHeals()
    {
        var (devices, conversations) = await SetUpStudentsAsync();
        _clock.Start();
        var acks = new ConcurrentBag<Ack>();
        using var stopSending = new CancellationTokenSource();
        var senders = devices.GroupBy(d => d.UserId).Select(g => ChatLedger.SendEverySecondAsync(g.ToArray(), acks, _clock, TimeSpan.FromSeconds(60), stopSending.Token)).ToList();

        var disruptions = new List<Disruption>();
        for (var k = 0; _clock.Elapsed + DisruptEvery < ChaosLength; k++)
        {
            await Task.Delay(DisruptEvery - TimeSpan.FromSeconds(8));
            disruptions.Add(await DisruptAsync(k % 3, k % 2 == 0 ? "SIGKILL" : "SIGTERM", devices));
        }
        var lastDisruptionOver = _clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(20));           // quiet: messages acknowledged now must arrive live
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Report(disruptions, acks, devices, lastDisruptionOver);
        await ChatLedger.AssertNothingLostOrDoubledAsync(conversations, devices, acks);
        AssertLiveAfterTheLastDisruption(devices, acks, lastDisruptionOver);
        // The target is 5 s; the host's shutdown timeout is 10 s, so a drain that waits for something
        // that never ends (as the reconnect storm into a stopping node once did) shows up here.
        Assert.All(disruptions.Where(d => d.Kind == "SIGTERM"),
            d => Assert.True(d.Exit < TimeSpan.FromSeconds(8), $"node {d.Node + 1} drained at t={d.At.TotalSeconds:F0} s exited promptly ({d.Exit.TotalSeconds:F1} s)"));
    }

    private async Task<(List<ChattingDevice>, List<string>)> SetUpStudentsAsync()
    {
        var students = new ConcurrentBag<AuthResponse>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 48), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, _) => students.Add(await _nodes[0].RegisterVerifiedAsync()));
        var everyone = students.ToList();
        // 16 direct chats (32 students) and 4 groups of 4 (16 students).
        var chats = everyone.Take(32).Chunk(2).Concat(everyone.Skip(32).Chunk(4)).ToList();
        var devices = new List<ChattingDevice>();
        var conversations = new List<string>();
        var index = 0;
        foreach (var members in chats)
        {
            using var http = _nodes[0].ClientFor(members[0].AccessToken);
            var created = await http.PostAsJsonAsync("/api/v1/conversations", new
            {
                memberHandles = members.Skip(1).Select(m => m.User.Handle).ToArray(),
                title = members.Length > 2 ? "study group" : null,
            });
            var conversation = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
            conversations.Add(conversation.Id);
            foreach (var member in members)
            {
                for (var d = 0; d < 2; d++)
                {
                    var node = (index + d) % 3;
                    devices.Add(await ChattingDevice.ConnectAsync(_nodes[node].Http.BaseAddress!, node, member.AccessToken, member.User.Id, conversation.Id, _clock));
                }
                index++;
            }
        }
        return (devices, conversations);
    }

    private async Task<Disruption> DisruptAsync(int node, string kind, List<ChattingDevice> devices)
    {
        var at = _clock.Elapsed;
        var victim = _nodes[node];
        if (kind == "SIGKILL") await victim.KillAsync();
        else await victim.StopGracefullyAsync();
        var exit = _clock.Elapsed - at;
        if (kind == "SIGTERM" && exit > TimeSpan.FromSeconds(5))
            output.WriteLine($"node {node + 1} took {exit.TotalSeconds:F1} s to drain; its last warnings:\n" + string.Join("\n",
                victim.Output.Split('\n').Where(line => line.Contains("\"Warning\"") || line.Contains("\"Error\"")).TakeLast(8).Select(line => line.Length > 700 ? line[..700] : line)));
        TimeSpan? detected = null;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(200))
        {
            try
            {
                if (await _cluster.ActiveSiloCountAsync() == 2) { detected = _clock.Elapsed - at; break; }
            }
            catch (Exception) { /* the observing client is between gateways */ }
        }
        var restarted = SiloProcess.Start(_cluster.Database.ConnectionString, TestEnvironment.RedisConnectionString, _cluster.ClusterId,
            httpPort: victim.HttpPort);
        _restarted.Add(restarted);
        await restarted.WaitUntilReadyAsync();
        _nodes[node] = restarted;
        var ready = _clock.Elapsed - at;
        TimeSpan? reconnected = null;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200))
            if (devices.Where(d => d.NodeIndex == node).All(d => d.IsConnected)) { reconnected = _clock.Elapsed - at; break; }
        return new Disruption(node, kind, at, exit, detected, ready, reconnected);
    }

    private void Report(List<Disruption> disruptions, ConcurrentBag<Ack> acks, List<ChattingDevice> devices, TimeSpan lastDisruptionOver)
    {
        output.WriteLine($"{acks.Count} messages acknowledged in {_clock.Elapsed.TotalSeconds:F0} s; {disruptions.Count} disruptions");
        foreach (var d in disruptions)
        {
            var gap = LiveGap(d, acks, devices);
            output.WriteLine($"  t={d.At.TotalSeconds,5:F0} s  node {d.Node + 1} {d.Kind}: exited {d.Exit.TotalSeconds:F1} s, " +
                             $"declared dead {Seconds(d.Detected)}, live delivery to the other nodes' devices resumed in every chat within {Seconds(gap)}, " +
                             $"restarted and ready {d.Ready.TotalSeconds:F1} s, its devices reconnected {Seconds(d.Reconnected)}");
        }
        var delays = ChatLedger.LiveDelays(devices, acks, lastDisruptionOver + QuietBeforeMeasuring).Select(t => t.TotalMilliseconds).Order().ToList();
        if (delays.Count > 0)
            output.WriteLine($"after the last disruption: {delays.Count} deliveries, ack→live p50 {delays[delays.Count / 2]:F0} ms, " +
                             $"p99 {delays[(int)(delays.Count * 0.99)]:F0} ms, max {delays[^1]:F0} ms");
    }

    /// <summary>
    /// The slowest conversation: from the disruption to its first acknowledged message that reached
    /// every member device on the other nodes live within the bound (a conversation whose grain was
    /// on the lost node waits for the failure detection).
    /// </summary>
    private static TimeSpan? LiveGap(Disruption d, IEnumerable<Ack> acks, List<ChattingDevice> devices)
    {
        TimeSpan? slowest = TimeSpan.Zero;
        foreach (var conversation in acks.Where(a => a.At >= d.At).GroupBy(a => a.ConversationId))
        {
            var receivers = devices.Where(x => x.ConversationId == conversation.Key && x.NodeIndex != d.Node).ToList();
            var first = conversation.OrderBy(a => a.At)
                .FirstOrDefault(ack => receivers.All(x => x.Live.TryGetValue(ack.Seq, out var at) && at - ack.At < LiveBound));
            if (first is null) return null;
            if (first.At - d.At > slowest) slowest = first.At - d.At;
        }
        return slowest;
    }

    private static void AssertLiveAfterTheLastDisruption(List<ChattingDevice> devices, ConcurrentBag<Ack> acks, TimeSpan lastDisruptionOver)
    {
        var late = ChatLedger.LiveDelays(devices, acks, lastDisruptionOver + QuietBeforeMeasuring).Count(delay => delay > LiveBound);
        Assert.True(acks.Any(a => a.At > lastDisruptionOver + QuietBeforeMeasuring), "messages were acknowledged after the last disruption");
        Assert.True(late == 0, $"{late} deliveries after the last disruption did not arrive live within {LiveBound.TotalSeconds} s");
    }

    private static string Seconds(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:F1} s" : "not within the wait";
}
