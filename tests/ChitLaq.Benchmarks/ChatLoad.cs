using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Benchmarks;

/// <summary>
/// CONNECTIONS hub connections (one per user, WebSockets), half in 1:1 conversations and half in
/// 10-member groups, each sending one message a second for SECONDS. Measures the durable
/// SendMessage acknowledgement, send → receive latency at every other member, and losses
/// (every member must receive every message once). Bounded in time.
/// <para>
/// With CHAT_LOAD_REACT_EVERY=N each device also reacts (REST PUT, 👍 and then ❤️ in turn) to
/// the message it just sent, every Nth second: reactions are the conversation grain's own single-row
/// writes beside the messages' group commit, and this shows what they cost the sends.
/// </para>
/// </summary>
public static class ChatLoad
{
    public static async Task<int> RunAsync(Uri baseUrl, string mailDir, string[] args)
    {
        var connections = args.Length > 0 ? int.Parse(args[0]) : 2000;
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 30;
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

        Console.WriteLine($"setting up {connections} verified users");
        // Behind nginx, sign-ups from one address are limited as a lecture hall's would be: the
        // cluster script registers the load's users on a node directly (CHITLAQ_LOAD_SETUP_URL).
        using var setup = Environment.GetEnvironmentVariable("CHITLAQ_LOAD_SETUP_URL") is { Length: > 0 } direct
            ? new HttpClient { BaseAddress = new Uri(direct), Timeout = TimeSpan.FromMinutes(2) }
            : null;
        var users = await FeedLoad.SetUpUsers(setup ?? http, mailDir, connections);

        // Conversations: the first half in pairs, the second half in groups of 10.
        var memberships = new List<(string ConversationId, int[] Members)>();
        var half = connections / 2 / 2 * 2;
        for (var i = 0; i < half; i += 2) memberships.Add((await Create(http, users, i, [i + 1]), [i, i + 1]));
        for (var i = half; i + 10 <= connections; i += 10)
            memberships.Add((await Create(http, users, i, Enumerable.Range(i + 1, 9).ToArray()), Enumerable.Range(i, 10).ToArray()));
        var conversationOf = new Dictionary<int, (string Id, int Members)>();
        foreach (var (id, members) in memberships) foreach (var m in members) conversationOf[m] = (id, members.Length);

        var meter = new ProcessMeter();
        var idleBefore = await SettledNodeMemory(meter);
        Console.WriteLine($"connecting {conversationOf.Count} devices");
        var received = new ConcurrentDictionary<string, int>();
        // Send → receive latency by the second (since sending began) the message was sent in.
        var bySecond = new ConcurrentBag<(int Second, double Latency)>();
        var clock = Stopwatch.StartNew();
        var sendingFrom = 0.0; // set when sending starts: per-second figures count from there
        var hubs = new HubConnection?[connections];
        await Parallel.ForEachAsync(conversationOf.Keys, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(users[i].Token);
            }).Build();
            hub.On<JsonElement>("message", m =>
            {
                var text = m.GetProperty("text").GetString()!;
                if (!text.StartsWith("t=", StringComparison.Ordinal)) return;
                var sentAt = double.Parse(text[2..text.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
                bySecond.Add(((int)((sentAt - sendingFrom) / 1000), clock.Elapsed.TotalMilliseconds - sentAt));
                received.AddOrUpdate(m.GetProperty("id").GetString()!, 1, (_, n) => n + 1);
            });
            await hub.StartAsync();
            hubs[i] = hub;
        });
        var idleAfter = await SettledNodeMemory(meter);
        var memoryNote = FormattableString.Invariant(
            $"idle connections: node resident {idleBefore:F0} → {idleAfter:F0} MiB, {(idleAfter - idleBefore) * 1024 / conversationOf.Count:F1} KiB per connection (SignalR connection, presence grain, node registration)");
        Console.WriteLine(memoryNote);
        var cpuBefore = meter.CpuSeconds();

        Console.WriteLine($"sending: {conversationOf.Count} devices × 1 message/s for {seconds} s");
        var acks = new ConcurrentBag<(double SentAt, double Latency)>();
        var reactEvery = int.TryParse(Environment.GetEnvironmentVariable("CHAT_LOAD_REACT_EVERY"), out var every) && every > 0 ? every : 0;
        var reactions = new ConcurrentBag<double>();
        var failedReactions = 0;
        var expected = new ConcurrentDictionary<string, int>();
        var failures = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        sendingFrom = clock.Elapsed.TotalMilliseconds;
        await Task.WhenAll(conversationOf.Select(pair => Task.Run(async () =>
        {
            var (i, (conversationId, members)) = (pair.Key, pair.Value);
            await Task.Delay(Random.Shared.Next(1000));
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                try
                {
                    var text = FormattableString.Invariant($"t={started:F3} from {i}");
                    var message = await hubs[i]!.InvokeAsync<JsonElement>("SendMessage", conversationId, $"{i}-{n++}", text);
                    acks.Add((started - sendingFrom, clock.Elapsed.TotalMilliseconds - started));
                    var messageId = message.GetProperty("id").GetString()!;
                    expected[messageId] = members; // every member's one device, the sender's included
                    if (reactEvery > 0 && n % reactEvery == 0)
                    {
                        var reactedAt = clock.Elapsed.TotalMilliseconds;
                        var emoji = Uri.EscapeDataString(n / reactEvery % 2 == 0 ? "👍" : "❤️");
                        using var react = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}");
                        react.Headers.Authorization = new("Bearer", users[i].Token);
                        using var reacted = await http.SendAsync(react);
                        if (reacted.IsSuccessStatusCode) reactions.Add(clock.Elapsed.TotalMilliseconds - reactedAt);
                        else Interlocked.Increment(ref failedReactions);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
                var wait = 1000 - (clock.Elapsed.TotalMilliseconds - started);
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
        })));
        var cpuAfter = meter.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(5)); // let the last deliveries land

        var lost = expected.Sum(e => Math.Max(0, e.Value - received.GetValueOrDefault(e.Key)));
        var duplicated = expected.Sum(e => Math.Max(0, received.GetValueOrDefault(e.Key) - e.Value));
        Latencies.Report("SendMessage ack (durable)", acks.Select(a => a.Latency));
        Latencies.Report("send → receive", bySecond.Select(x => x.Latency));
        // The first seconds include JIT, connection warm-up and every conversation learning where its members are.
        var warm = 5000 + 1000.0;
        Latencies.Report($"  after {warm / 1000:F0} s warm-up: ack", acks.Where(a => a.SentAt >= warm).Select(a => a.Latency));
        Latencies.Report($"  after {warm / 1000:F0} s warm-up: send → receive", bySecond.Where(x => x.Second * 1000 >= warm).Select(x => x.Latency));
        // Steady slowness and short stalls call for different fixes: show the second-by-second p99.
        var perSecond = bySecond.GroupBy(x => x.Second).OrderBy(g => g.Key).Skip(1)
            .Select(g => Latencies.Percentile(g.Select(x => x.Latency).Order().ToArray(), 0.99));
        Console.WriteLine("send → receive p99 per second: " + string.Join(" ", perSecond.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        if (reactEvery > 0)
        {
            Latencies.Report("reaction PUT", reactions);
            Console.WriteLine($"reactions {reactions.Count} ({reactions.Count / (double)seconds:F0}/s), failed {failedReactions}");
        }
        Console.WriteLine($"messages sent {expected.Count} ({expected.Count / (double)seconds:F0}/s), deliveries expected {expected.Values.Sum()}, lost {lost}, duplicated {duplicated}, failed sends {failures}");
        Console.WriteLine(ProcessMeter.Describe(cpuBefore, cpuAfter, seconds));
        Console.WriteLine($"node resident after the run: {meter.NodeResidentMiB():F0} MiB");
        foreach (var hub in hubs.OfType<HubConnection>()) await hub.DisposeAsync();
        return lost == 0 && failures == 0 ? 0 : 1;
    }

    /// <summary>The node's resident memory once a few seconds of quiet let its GC settle.</summary>
    private static async Task<double> SettledNodeMemory(ProcessMeter meter)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        return meter.NodeResidentMiB();
    }

    private static async Task<string> Create(HttpClient http, List<(string Handle, string Token)> users, int creator, int[] others)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/conversations")
        {
            Content = JsonContent.Create(new { memberHandles = others.Select(o => users[o].Handle).ToArray(), title = others.Length > 1 ? "load group" : null }),
        };
        request.Headers.Authorization = new("Bearer", users[creator].Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
