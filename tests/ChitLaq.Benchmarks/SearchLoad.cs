using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChitLaq.Benchmarks;

/// <summary>
/// Two phases against a node whose database the script has filled (tests/load/search-load.sh):
/// <c>setup</c> registers the authors the generated posts belong to and prints their ids;
/// <c>query</c> sends /search/posts and /search/suggestions at a fixed rate (open loop, so a slow
/// answer does not slow the offered load) and reports latency percentiles.
/// </summary>
public static class SearchLoad
{
    public static async Task<int> RunAsync(Uri baseUrl, string mailDir, string[] args)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        if (args.FirstOrDefault() == "setup")
        {
            var users = await FeedLoad.SetUpUsers(http, mailDir, int.Parse(args[1]));
            foreach (var (handle, token) in users)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request);
                var me = await response.Content.ReadFromJsonAsync<JsonElement>();
                Console.WriteLine($"{me.GetProperty("id").GetString()} {token}");
            }
            return 0;
        }

        var token0 = args[1];
        var perSecond = int.Parse(args[2]);
        var seconds = int.Parse(args[3]);
        var words = args[4].Split(',');
        http.DefaultRequestHeaders.Authorization = new("Bearer", token0);

        var posts = new ConcurrentBag<(double SentAt, double Latency)>();
        var suggestions = new ConcurrentBag<(double SentAt, double Latency)>();
        var failures = 0;
        var hits = 0L;
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)perSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var suggest = i % 2 == 1;
            var word = words[Random.Shared.Next(words.Length)];
            var q = suggest ? word[..Math.Min(word.Length, 1 + Random.Shared.Next(4))]
                : Random.Shared.Next(3) == 0 ? $"{word} {words[Random.Shared.Next(words.Length)]}" : word;
            pending.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed.TotalMilliseconds;
                try
                {
                    using var response = await http.GetAsync(suggest ? $"/api/v1/search/suggestions?q={Uri.EscapeDataString(q)}" : $"/api/v1/search/posts?q={Uri.EscapeDataString(q)}");
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    (suggest ? suggestions : posts).Add((started, clock.Elapsed.TotalMilliseconds - started));
                    if (!suggest) Interlocked.Add(ref hits, body.GetProperty("items").GetArrayLength());
                }
                catch (Exception) { Interlocked.Increment(ref failures); }
            }));
        }
        await Task.WhenAll(pending);
        Latencies.Report($"/search/posts ({perSecond / 2}/s)", posts.Select(p => p.Latency));
        Latencies.Report($"/search/suggestions ({perSecond - perSecond / 2}/s)", suggestions.Select(p => p.Latency));
        // The first seconds include JIT and the first activations of the posts found.
        const double warm = 5000;
        Latencies.Report("  after 5 s warm-up: /search/posts", posts.Where(p => p.SentAt >= warm).Select(p => p.Latency));
        Latencies.Report("  after 5 s warm-up: /search/suggestions", suggestions.Where(p => p.SentAt >= warm).Select(p => p.Latency));
        Console.WriteLine($"posts returned per search: {hits / Math.Max(1.0, posts.Count):F1}; failures {failures}");
        return failures == 0 ? 0 : 1;
    }
}
