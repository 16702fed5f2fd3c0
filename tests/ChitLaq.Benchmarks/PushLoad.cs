using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChitLaq.Benchmarks;

/// <summary>
/// Web Push through a local push service (web-push-testing, which checks VAPID and decrypts
/// every push). Two figures: the time from one message in a 50-member group whose other members
/// are all offline to the last member's push accepted by the push service; and pushes per second
/// one node sends when PAIRS offline students each get MESSAGES direct messages. Bounded in time.
/// </summary>
public static class PushLoad
{
    private sealed record Device(string Endpoint, string P256dh, string Auth, string ClientHash);

    public static async Task<int> RunAsync(Uri baseUrl, string mailDir, Uri pushService, string[] args)
    {
        var pairs = args.Length > 0 ? int.Parse(args[0]) : 200;
        var messages = args.Length > 1 ? int.Parse(args[1]) : 5;
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        using var service = new HttpClient { BaseAddress = pushService, Timeout = TimeSpan.FromMinutes(1) };
        var users = await FeedLoad.SetUpUsers(http, mailDir, Math.Max(2 * pairs, 50));
        var key = (await http.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString()!;
        var devices = new Device[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(1, users.Count - 1), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            devices[i] = await SubscribeAsync(http, service, key, users[i].Token));

        // 1. One message to a group of 50 whose 49 other members are offline.
        var group = await Post<JsonElement>(http, users[0].Token, "/api/v1/conversations",
            new { memberHandles = users.Skip(1).Take(49).Select(u => u.Handle).ToArray(), title = "push load group" });
        var clock = Stopwatch.StartNew();
        await Post<JsonElement>(http, users[0].Token, $"/api/v1/conversations/{group.GetProperty("id").GetString()}/messages",
            new { text = "exam moved to room 101", clientMessageId = Guid.NewGuid().ToString("N") });
        var acknowledged = clock.Elapsed.TotalMilliseconds;
        var groupDevices = Enumerable.Range(1, 49).Select(i => devices[i]).ToList();
        var lastArrived = await WaitForAsync(service, groupDevices, 1, TimeSpan.FromSeconds(60), clock);
        Console.WriteLine(FormattableString.Invariant(
            $"group of 50, 49 offline: message acknowledged in {acknowledged:F0} ms; last of 49 pushes accepted by the push service after {lastArrived:F0} ms"));

        // 2. Throughput: PAIRS direct conversations, each receiver offline, MESSAGES messages each.
        var conversations = new string[pairs];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) =>
            conversations[p] = (await Post<JsonElement>(http, users[2 * p].Token, "/api/v1/conversations",
                new { memberHandles = new[] { users[2 * p + 1].Handle } })).GetProperty("id").GetString()!);
        var receivers = Enumerable.Range(0, pairs).Select(p => devices[2 * p + 1]).ToList();
        var before = await CountsAsync(service, receivers);
        var sentBefore = await SentAsync(http);
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, _) =>
        {
            for (var m = 0; m < messages; m++)
                await Post<JsonElement>(http, users[2 * p].Token, $"/api/v1/conversations/{conversations[p]}/messages",
                    new { text = $"message {m}", clientMessageId = Guid.NewGuid().ToString("N") });
        });
        var sentIn = clock.Elapsed.TotalSeconds;
        var total = pairs * messages;
        // The node's own count of accepted pushes, so measuring does not load the push service.
        while (await SentAsync(http) < sentBefore + total)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(300)) throw new TimeoutException("pushes still unsent after 300 s");
            await Task.Delay(20);
        }
        var done = clock.Elapsed.TotalMilliseconds;
        var expected = before.Select(c => c + messages).ToList();
        await WaitForAsync(service, receivers, expected, TimeSpan.FromSeconds(60), clock); // and every one arrived
        Console.WriteLine(FormattableString.Invariant(
            $"{total} pushes to {pairs} offline students: messages sent in {sentIn:F1} s, last push accepted after {done / 1000:F1} s → {total / (done / 1000):F0} pushes/s"));
        return 0;
    }

    /// <summary>chitlaq.webpush.sent from the node's /metrics (pushes the push services accepted).</summary>
    private static async Task<double> SentAsync(HttpClient http) =>
        (await http.GetStringAsync("/metrics")).Split('\n')
            .Where(line => line.StartsWith("chitlaq_webpush_sent", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Device> SubscribeAsync(HttpClient http, HttpClient service, string key, string token)
    {
        var data = (await (await service.PostAsJsonAsync("/subscribe", new { userVisibleOnly = "true", applicationServerKey = key }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var device = new Device(data.GetProperty("endpoint").GetString()!, data.GetProperty("keys").GetProperty("p256dh").GetString()!,
            data.GetProperty("keys").GetProperty("auth").GetString()!, data.GetProperty("clientHash").GetString()!);
        await Post<JsonElement>(http, token, "/api/v1/push/subscriptions", new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth } });
        return device;
    }

    private static Task<double> WaitForAsync(HttpClient service, List<Device> devices, int each, TimeSpan limit, Stopwatch clock) =>
        WaitForAsync(service, devices, devices.Select(_ => each).ToList(), limit, clock);

    /// <returns>Milliseconds on <paramref name="clock"/> when every device had its expected count (polled every 50 ms).</returns>
    private static async Task<double> WaitForAsync(HttpClient service, List<Device> devices, List<int> expected, TimeSpan limit, Stopwatch clock)
    {
        var deadline = clock.Elapsed + limit;
        var pending = Enumerable.Range(0, devices.Count).ToHashSet();
        while (pending.Count > 0)
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"{pending.Count} devices still waiting for pushes after {limit.TotalSeconds} s");
            var counts = await CountsAsync(service, pending.Select(i => devices[i]).ToList());
            var at = clock.Elapsed.TotalMilliseconds;
            foreach (var (i, count) in pending.ToList().Zip(counts)) if (count >= expected[i]) pending.Remove(i);
            if (pending.Count == 0) return at;
            await Task.Delay(50);
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<List<int>> CountsAsync(HttpClient service, List<Device> devices)
    {
        var counts = new int[devices.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, devices.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var response = await service.PostAsJsonAsync("/get-notifications", new { clientHash = devices[i].ClientHash });
            counts[i] = response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("messages").GetArrayLength()
                : 0;
        });
        return [.. counts];
    }

    private static async Task<T> Post<T>(HttpClient http, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
