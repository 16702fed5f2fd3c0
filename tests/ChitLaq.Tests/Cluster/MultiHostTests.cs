using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// Several hosts, for real: PostgreSQL, Redis, nginx and three nodes each on a host of its own (a
/// Linux network namespace with its own address, <see cref="NetworkLab"/>), silo-to-silo traffic
/// over those links, 24 students with two devices each chatting through nginx (a message a
/// second per student, retried with the same client id until acknowledged, as the web client
/// does). Faults are silent drops in the network, not process kills: nobody is told, everyone
/// finds out by timing out. Nodes run under a supervisor that restarts them when they exit, as
/// compose's restart policy does. Slow: a lab, five servers and three node processes per test.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class MultiHostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan LiveBound = TimeSpan.FromSeconds(5);
    private static readonly string[] NodeHosts = ["n1", "n2", "n3"];

    private readonly Stopwatch _clock = new();
    private NetworkLab _lab = null!;
    private SupervisedNode[] _nodes = [];
    private LocalNginx? _nginx;

    public async Task InitializeAsync()
    {
        _clock.Start();
        _lab = await NetworkLab.StartAsync(["pg", "redis", "lb", .. NodeHosts]);
        var postgres = await _lab.StartPostgresAsync("pg");
        var redis = await _lab.StartRedisAsync("redis");
        var clusterId = "lab-" + Guid.NewGuid().ToString("N")[..12];
        var nodes = new List<SupervisedNode>();
        foreach (var host in NodeHosts)   // one at a time: the first applies the migrations
        {
            var node = new SupervisedNode(host, () => SiloProcess.Start(postgres, redis, clusterId, host: _lab[host]), _clock);
            nodes.Add(node);
            await node.Current.WaitUntilReadyAsync();
        }
        _nodes = nodes.ToArray();
        _nginx = await LocalNginx.StartOnAsync(_lab, "lb", NodeHosts.Select(h => $"{_lab[h].Address}:8080").ToArray());
        output.WriteLine($"lab {_lab.Name}: {string.Join(", ", ((string[])["pg", "redis", "lb", .. NodeHosts]).Select(h => $"{h} {_lab[h].Address}"))}; ready at {Seconds(_clock.Elapsed)}");
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
        foreach (var node in _nodes) await node.DisposeAsync();
        await _lab.DisposeAsync();
    }

    [Fact]
    public async Task ANodeCutOffTheNetworkIsDeclaredDeadItsClientsResumeThroughNginxAndItRejoinsByItselfWhenHealed()
    {
        var (devices, conversations) = await SetUpStudentsAsync();
        var acks = new ConcurrentBag<Ack>();
        using var stopSending = new CancellationTokenSource();
        var senders = devices.GroupBy(d => d.UserId).Select(g => ChatLedger.SendEverySecondAsync(g.ToArray(), acks, _clock, TimeSpan.FromSeconds(120), stopSending.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(10));

        var cutAt = _clock.Elapsed;
        await _lab.CutAsync("n2");
        var declaredDead = await WaitForActiveSilosAsync(2, "the others declare the cut node dead", TimeSpan.FromSeconds(60)) - cutAt;
        List<ChattingDevice> cutOffDevices;
        try
        {
            cutOffDevices = await Eventually.Satisfies(() => Task.FromResult(devices.Where(d => d.Outages.Any(o => o.Dropped >= cutAt)).ToList()),
                moved => moved.Count > 0 && devices.All(d => d.IsConnected), "the cut node's devices reconnected through nginx to the others",
                TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + DevicesNow(devices, cutAt), e);
        }
        var reconnected = cutOffDevices.Max(d => d.Outages.Where(o => o.Dropped >= cutAt).Max(o => o.Back)) - cutAt;
        await Task.Delay(TimeSpan.FromSeconds(10));   // the chats go on without the node

        var healAt = _clock.Elapsed;
        await _lab.HealAsync("n2");
        await WaitForActiveSilosAsync(3, "the healed node is back in the cluster", TimeSpan.FromSeconds(120));
        await _nodes[1].Current.WaitUntilReadyAsync();
        var rejoined = _clock.Elapsed - healAt;
        var quietFrom = _clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(20));
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var n2 = _nodes[1];
        output.WriteLine($"{acks.Count} messages acknowledged; n2 cut at {Seconds(cutAt)}: declared dead after {Seconds(declaredDead)}, " +
                         $"its {cutOffDevices.Count} devices back through nginx within {Seconds(reconnected)}; healed at {Seconds(healAt)}: " +
                         $"n2 exited {string.Join(", ", n2.Exits.Select(e => $"at {Seconds(e.At)} with {e.Code}"))}, restarted {n2.Restarts}×, " +
                         $"back in the cluster and ready {Seconds(rejoined)} after the heal; devices asked to resync {devices.Sum(d => d.Resyncs)}×, " +
                         $"messages they fetched rather than got live {devices.Sum(d => d.Resumed.Count)}");
        ReportLiveDelays(devices, acks, quietFrom);

        Assert.True(n2.Restarts >= 1, "the healed node, declared dead while cut off, was stopped by Orleans and started again by its supervisor\n" + n2.Tail());
        await ChatLedger.AssertNothingLostOrDoubledAsync(conversations, devices, acks);
        AssertEveryDeviceHasEveryMessage(devices);
        AssertLiveAfter(devices, acks, quietFrom + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ANodeThatAloneLosesTheDatabaseAnswers503LeavesTheClusterAndRejoinsWhenItReachesItAgain()
    {
        var (devices, conversations) = await SetUpStudentsAsync();
        var acks = new ConcurrentBag<Ack>();
        using var stopSending = new CancellationTokenSource();
        var senders = devices.GroupBy(d => d.UserId).Select(g => ChatLedger.SendEverySecondAsync(g.ToArray(), acks, _clock, TimeSpan.FromSeconds(120), stopSending.Token)).ToList();
        using var stopWatching = new CancellationTokenSource();
        var othersReadiness = NodeHosts.Where(h => h != "n3").Select(h => WatchReadinessAsync(_lab[h].Address, stopWatching.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(10));

        var cutAt = _clock.Elapsed;
        await _lab.CutAsync("n3", "pg");
        var n3 = _nodes[2];
        var (notReady, readinessBody) = await WaitUntilNotReadyAsync(n3, cutAt);
        Assert.Contains("postgres", readinessBody);

        var left = await Eventually.Satisfies(() => Task.FromResult(n3.Exits.FirstOrDefault()), exit => exit.At > TimeSpan.Zero,
            "the node leaves the cluster on its own", TimeSpan.FromSeconds(90));
        Assert.True(left.Code == 75, $"it exits with EX_TEMPFAIL (75) for its supervisor, not {left.Code}\n{n3.Tail()}");
        await WaitForActiveSilosAsync(2, "the cluster goes on with the two nodes that reach the database", TimeSpan.FromSeconds(60));

        // Every student can still chat: a round of messages through nginx, each acknowledged.
        var roundAt = _clock.Elapsed;
        await Eventually.Satisfies(() => Task.FromResult(devices.All(d => d.IsConnected)), all => all, "every device is connected", TimeSpan.FromSeconds(90));
        var round = await Task.WhenAll(devices.GroupBy(d => d.ConversationId).Select(async g =>
        {
            var device = g.First();
            var id = $"round-{device.UserId}";
            var sent = await device.SendAsync(id, "while one node is out", _clock.Elapsed + TimeSpan.FromSeconds(30));
            if (sent is not null) acks.Add(new Ack(device.ConversationId, id, sent.Seq, _clock.Elapsed));
            return sent is not null;
        }));
        var roundTook = _clock.Elapsed - roundAt;
        Assert.All(round, Assert.True);

        var healAt = _clock.Elapsed;
        await _lab.HealAsync("n3", "pg");
        await WaitForActiveSilosAsync(3, "the node is back once it reaches the database", TimeSpan.FromSeconds(120));
        await n3.Current.WaitUntilReadyAsync();
        var rejoined = _clock.Elapsed - healAt;
        var quietFrom = _clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(15));
        await stopSending.CancelAsync();
        await stopWatching.CancelAsync();
        await Task.WhenAll(senders);
        var othersNotReady = (await Task.WhenAll(othersReadiness)).Sum();
        await Task.Delay(TimeSpan.FromSeconds(3));

        output.WriteLine($"{acks.Count} messages acknowledged; PostgreSQL cut from n3 at {Seconds(cutAt)}: n3 not ready after {Seconds(notReady)}, " +
                         $"left the cluster at {Seconds(left.At - cutAt)} (exit {left.Code}); a message in every chat acknowledged within {Seconds(roundTook)}; " +
                         $"healed: n3 back and ready {Seconds(rejoined)} later; n1 and n2 answered readiness with anything but 200 {othersNotReady} times");
        ReportLiveDelays(devices, acks, quietFrom);
        // How n3 left: its decision, then what it logged until it exited.
        foreach (var line in n3.LinesContaining("\"LogLevel\":\"").SkipWhile(l => !l.Contains("leaving the cluster")).Where(l => !l.Contains("probe failed")).Take(15))
            output.WriteLine("n3: " + line);

        Assert.Equal(0, othersNotReady);
        await ChatLedger.AssertNothingLostOrDoubledAsync(conversations, devices, acks);
        AssertEveryDeviceHasEveryMessage(devices);
        AssertLiveAfter(devices, acks, quietFrom + TimeSpan.FromSeconds(5));
    }

    private async Task<(List<ChattingDevice>, List<string>)> SetUpStudentsAsync()
    {
        var first = _nodes[0].Current;
        var students = new ConcurrentBag<AuthResponse>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, _) => students.Add(await first.RegisterVerifiedAsync()));
        var everyone = students.ToList();
        // 8 direct chats (16 students) and 2 groups of 4 (8 students).
        var chats = everyone.Take(16).Chunk(2).Concat(everyone.Skip(16).Chunk(4)).ToList();
        var devices = new List<ChattingDevice>();
        var conversations = new List<string>();
        foreach (var members in chats)
        {
            using var http = _nginx!.Client(members[0].AccessToken);
            var created = await http.PostAsJsonAsync("/api/v1/conversations", new
            {
                memberHandles = members.Skip(1).Select(m => m.User.Handle).ToArray(),
                title = members.Length > 2 ? "study group" : null,
            });
            created.EnsureSuccessStatusCode();
            var conversation = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;
            conversations.Add(conversation.Id);
            foreach (var member in members)
                for (var d = 0; d < 2; d++)
                    devices.Add(await ChattingDevice.ConnectAsync(_nginx.Address, -1, member.AccessToken, member.User.Id, conversation.Id, _clock, _nginx.Certificate));
        }
        return (devices, conversations);
    }

    /// <summary>Asks the node for readiness until it answers 503; returns when (after the cut) and the answer.</summary>
    private async Task<(TimeSpan, string)> WaitUntilNotReadyAsync(SupervisedNode node, TimeSpan cutAt)
    {
        var answers = new List<string>();
        using var http = new HttpClient { BaseAddress = node.Current.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (_clock.Elapsed - cutAt < TimeSpan.FromSeconds(30))
        {
            var asked = _clock.Elapsed;
            try
            {
                var response = await http.GetAsync("/health/ready");
                answers.Add($"{Seconds(asked - cutAt)}: {(int)response.StatusCode} in {Seconds(_clock.Elapsed - asked)}");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return (_clock.Elapsed - cutAt, await response.Content.ReadAsStringAsync());
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers.Add($"{Seconds(asked - cutAt)}: {ex.GetType().Name} after {Seconds(_clock.Elapsed - asked)}");
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{node.Name} never answered readiness with 503 after the cut:\n{string.Join("\n", answers)}\n{node.Tail(6000)}");
    }

    /// <summary>Asks a node for readiness every half second; returns how many answers were not 200.</summary>
    private static async Task<int> WatchReadinessAsync(string address, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{address}:8080"), Timeout = TimeSpan.FromSeconds(10) };
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if ((await http.GetAsync("/health/ready", stop)).StatusCode != HttpStatusCode.OK) failures++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (HttpRequestException) { failures++; }
            try { await Task.Delay(500, stop); } catch (OperationCanceledException) { break; }
        }
        return failures;
    }

    /// <summary>Waits until n1 (never cut off in these tests) lists <paramref name="count"/> active silos.</summary>
    private async Task<TimeSpan> WaitForActiveSilosAsync(int count, string what, TimeSpan limit)
    {
        using var n1 = new HttpClient { BaseAddress = new Uri($"http://{_lab["n1"].Address}:8080"), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Satisfies(async () => MetricsText.Value(await n1.GetStringAsync("/metrics"), "chitlaq_cluster_silos_active"),
            active => active == count, what + "\n" + string.Join("\n", _nodes.Select(n => n.Tail(1500))), limit);
        return _clock.Elapsed;
    }

    /// <summary>Where the devices are (for failure messages): connected or since when not, their outages, nginx's last errors.</summary>
    private string DevicesNow(List<ChattingDevice> devices, TimeSpan since) =>
        $"{devices.Count(d => d.IsConnected)} of {devices.Count} connected at {Seconds(_clock.Elapsed)}; disconnected since: " +
        string.Join(", ", devices.Where(d => !d.IsConnected).Select(d => d.DisconnectedSince is { } t ? Seconds(t) : "closed")) +
        "; outages after the cut: " + string.Join(", ", devices.SelectMany(d => d.Outages).Where(o => o.Dropped >= since).Select(o => $"{Seconds(o.Dropped)}–{Seconds(o.Back)}")) +
        "\nnginx, hub requests by path, status and node since the cut:\n" + string.Join("\n", _nginx!.AccessLog()
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("path").GetString()!.StartsWith("/hubs/", StringComparison.Ordinal)
                        && DateTimeOffset.Parse(e.GetProperty("time").GetString()!) >= DateTimeOffset.UtcNow - (_clock.Elapsed - since))
            .GroupBy(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("path").GetString()} {e.GetProperty("status").GetInt32()} via {e.GetProperty("upstream").GetString()}")
            .Select(g => $"{g.Count(),5} × {g.Key}")) +
        "\nnginx errors:\n" + _nginx.ErrorLogTail(8) +
        string.Concat(devices.Where(d => !d.IsConnected).Take(2).Select(d => "\na disconnected device's SignalR client:\n" + string.Join("\n", d.Log.Lines.TakeLast(40))));

    /// <summary>
    /// Live, or through Resume (after a reconnect, a gap in the seqs, or the server's resync when a
    /// node was lost), each device got every message of its chat by the end — not at its next
    /// reconnect, which for a phone on a surviving node may be hours away.
    /// </summary>
    private static void AssertEveryDeviceHasEveryMessage(List<ChattingDevice> devices)
    {
        foreach (var conversation in devices.GroupBy(d => d.ConversationId))
        {
            var highest = conversation.Max(d => d.Live.Keys.Concat(d.Resumed.Keys).DefaultIfEmpty(0).Max());
            foreach (var device in conversation)
            {
                var seen = device.Live.Keys.Concat(device.Resumed.Keys).ToHashSet();
                var missing = Enumerable.Range(1, (int)highest).Select(i => (long)i).Except(seen).ToList();
                if (missing.Count > 0) Assert.Fail($"a device of {device.UserId} in {conversation.Key} never got seq {string.Join(", ", missing.Take(10))}; " +
                    $"its outages: {string.Join(", ", device.Outages.Select(o => $"{Seconds(o.Dropped)}–{Seconds(o.Back)}"))}; " +
                    $"live around it: {string.Join(", ", device.Live.Where(l => Math.Abs(l.Key - missing[0]) <= 3).OrderBy(l => l.Key).Select(l => $"{l.Key}@{Seconds(l.Value)}"))}; " +
                    $"resumed: {string.Join(", ", device.Resumed.Keys.Order())}; " +
                    $"others got it at: {string.Join(", ", conversation.Select(d => d.Live.TryGetValue(missing[0], out var at) ? Seconds(at) : d.Resumed.ContainsKey(missing[0]) ? "resumed" : "never"))}");
            }
        }
    }

    private void ReportLiveDelays(List<ChattingDevice> devices, ConcurrentBag<Ack> acks, TimeSpan after)
    {
        var delays = ChatLedger.LiveDelays(devices, acks, after).Select(t => t == TimeSpan.MaxValue ? double.PositiveInfinity : t.TotalMilliseconds).Order().ToList();
        if (delays.Count > 0)
            output.WriteLine($"after the heal: {delays.Count} deliveries, ack→live p50 {delays[delays.Count / 2]:F0} ms, " +
                             $"p99 {delays[(int)(delays.Count * 0.99)]:F0} ms, max {delays[^1]:F0} ms");
    }

    private static void AssertLiveAfter(List<ChattingDevice> devices, ConcurrentBag<Ack> acks, TimeSpan after)
    {
        Assert.True(acks.Any(a => a.At > after), "messages were acknowledged after the heal");
        var late = ChatLedger.LiveDelays(devices, acks, after).Count(delay => delay > LiveBound);
        Assert.True(late == 0, $"{late} deliveries after the heal did not arrive live within {LiveBound.TotalSeconds} s");
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:F1} s";
}
