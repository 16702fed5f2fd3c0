using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChitLaq.Benchmarks;

/// <summary>
/// Home-feed reads (limit 20) by many concurrent readers while posts are written at a steady
/// rate, against a running node. Sets up its own verified users (reading the verification
/// emails from the node's pickup folder), each following 20 others. Bounded in time.
/// </summary>
public static partial class FeedLoad
{
    private const string Password = "Feed-Load-Password-1";

    public static async Task<int> RunAsync(Uri baseUrl, string mailDir, string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0]) : 200;
        var readers = args.Length > 1 ? int.Parse(args[1]) : 32;
        var seconds = args.Length > 2 ? int.Parse(args[2]) : 30;
        var postsPerSecond = args.Length > 3 ? int.Parse(args[3]) : 100;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = readers + 16 }) { BaseAddress = baseUrl };

        Console.WriteLine($"setting up {users} verified users, each following 20 others");
        var tokens = await SetUpUsers(http, mailDir, users);
        var random = new Random(7);
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            foreach (var j in Enumerable.Range(1, 20).Select(k => (i + k * 7) % users).Where(j => j != i).Distinct())
                await Send(http, HttpMethod.Post, $"/api/v1/users/{tokens[j].Handle}/follow", tokens[i].Token);
            await Send(http, HttpMethod.Get, "/api/v1/feed/home?limit=20", tokens[i].Token);
        });
        for (var i = 0; i < users * 3; i++)
            await Send(http, HttpMethod.Post, "/api/v1/posts", tokens[i % users].Token, new { text = $"warm-up post {i} #load" });

        Console.WriteLine($"measuring: {readers} readers, {postsPerSecond} posts/s, {seconds} s");
        var readLatencies = new ConcurrentBag<double>();
        var writeLatencies = new ConcurrentBag<double>();
        var errors = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var writer = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / postsPerSecond));
            var n = 0;
            var inFlight = new List<Task>();
            while (await tick.WaitForNextTickAsync(CancellationToken.None) && !stop.IsCancellationRequested)
            {
                var who = tokens[n++ % users];
                inFlight.Add(Timed(() => Send(http, HttpMethod.Post, "/api/v1/posts", who.Token, new { text = $"post {n} at load #bench" }), writeLatencies, () => Interlocked.Increment(ref errors)));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(inFlight);
        });
        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var rng = new Random(r);
            while (!stop.IsCancellationRequested)
                await Timed(() => Send(http, HttpMethod.Get, "/api/v1/feed/home?limit=20", tokens[rng.Next(users)].Token), readLatencies, () => Interlocked.Increment(ref errors));
        })).ToArray();
        await Task.WhenAll(readerTasks.Append(writer));

        Report("home feed reads", readLatencies, seconds);
        Report("post writes", writeLatencies, seconds);
        Console.WriteLine($"errors: {errors}");
        return errors == 0 ? 0 : 1;
    }

    private static void Report(string what, IEnumerable<double> latencies, int seconds)
    {
        var sorted = latencies.Order().ToArray();
        if (sorted.Length == 0) { Console.WriteLine($"{what}: none"); return; }
        Console.WriteLine($"{what}: {sorted.Length / (double)seconds:F0}/s, p50 {Latencies.Percentile(sorted, 0.50):F1} ms, p99 {Latencies.Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");
    }

    private static async Task Timed(Func<Task> action, ConcurrentBag<double> latencies, Action onError)
    {
        var watch = Stopwatch.StartNew();
        try { await action(); latencies.Add(watch.Elapsed.TotalMilliseconds); }
        catch (HttpRequestException) { onError(); }
    }

    private static async Task Send(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode}");
    }

    internal static async Task<List<(string Handle, string Token)>> SetUpUsers(HttpClient http, string mailDir, int count)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var users = new ConcurrentDictionary<int, (string Handle, string Email)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var handle = $"fl{run}_{i}";
            var email = $"{handle}@campus.edu";
            var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, handle, displayName = $"Load {i}" });
            response.EnsureSuccessStatusCode();
            users[i] = (handle, email);
        });

        await Task.Delay(3000); // the mail queue writes the verification emails
        var tokensByEmail = Directory.GetFiles(mailDir, "*.eml")
            .Select(File.ReadAllText)
            .Select(text => (To: ToLine().Match(text).Groups[1].Value.ToLowerInvariant(), Token: TokenLink().Match(text).Groups[1].Value))
            .Where(m => m.Token.Length > 0)
            .GroupBy(m => m.To).ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.Last().Token));

        var result = new ConcurrentBag<(int, string, string)>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (pair, _) =>
        {
            var (handle, email) = pair.Value;
            (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = tokensByEmail[email] })).EnsureSuccessStatusCode();
            var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
            result.Add((pair.Key, handle, login.GetProperty("accessToken").GetString()!));
        });
        return result.OrderBy(r => r.Item1).Select(r => (r.Item2, r.Item3)).ToList();
    }

    [GeneratedRegex(@"^To:.*<([^>]+)>", RegexOptions.Multiline)]
    private static partial Regex ToLine();

    [GeneratedRegex(@"token=([A-Za-z0-9%._\-~]+)")]
    private static partial Regex TokenLink();
}
