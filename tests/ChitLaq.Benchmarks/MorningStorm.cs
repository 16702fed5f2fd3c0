using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace ChitLaq.Benchmarks;

/// <summary>
/// 9 a.m. on campus: REGISTERED students with a heavy-tailed follow graph (each follows about
/// FOLLOWS others, a few are followed by most), of whom ONLINE connect to one node within
/// CONNECT_SECONDS and then chat in pairs (a message every 5 s each) for CHAT_SECONDS. The online
/// students are real accounts made through the API; the rest exist only in the tables (users and
/// follows rows), as students who have not opened the app today. Reports how long an `online`
/// event takes from a student's connect to their online followers, how many presence grains the
/// node holds (offline students' must not be activated), PostgreSQL transactions per status
/// change, and the node's CPU and memory.
/// </summary>
public static class MorningStorm
{
    private const string University = "campus.edu";

    public static async Task<int> RunAsync(Uri baseUrl, string dataDir, string[] args)
    {
        var registered = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var online = args.Length > 1 ? int.Parse(args[1]) : 2_000;
        var connectSeconds = args.Length > 2 ? int.Parse(args[2]) : 60;
        var chatSeconds = args.Length > 3 ? int.Parse(args[3]) : 30;
        var follows = args.Length > 4 ? int.Parse(args[4]) : 150;
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        await using var database = NpgsqlDataSource.Create(ConnectionString(dataDir));

        Console.WriteLine($"setting up {online} verified students through the API");
        var tokens = await FeedLoad.SetUpUsers(http, Path.Combine(dataDir, "mail"), online);
        var students = tokens.Select(t => new Student(t.Handle, t.Token, SubjectOf(t.Token))).ToList();

        Console.WriteLine($"seeding {registered - online} more students and a heavy-tailed follow graph (~{follows} each)");
        var edges = await SeedGraphAsync(database, students.Select(s => s.Id).ToList(), registered, follows);
        Console.WriteLine($"  {edges} follows in all");

        // Conversation partners: pairs of online students (they are in each other's audience too).
        var partnerOf = new int[online];
        var conversationOf = new string[online];
        await Parallel.ForEachAsync(Enumerable.Range(0, online / 2), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, _) =>
        {
            var (a, b) = (2 * p, 2 * p + 1);
            var id = await CreateConversationAsync(http, students[a], students[b]);
            (partnerOf[a], partnerOf[b], conversationOf[a], conversationOf[b]) = (b, a, id, id);
        });

        // Who should hear of whom: viewers (online) of each online student, from the tables.
        var audienceOf = await OnlineAudiencesAsync(database, students);

        var meter = new ProcessMeter();
        await Task.Delay(TimeSpan.FromSeconds(5));   // let set-up work settle
        var grainsBefore = await PresenceGrainsAsync(http);
        var transactionsBefore = await TransactionsAsync(database);
        var cpuBefore = meter.CpuSeconds();
        var residentBefore = meter.NodeResidentMiB();

        Console.WriteLine($"storm: {online} students connect within {connectSeconds} s");
        var clock = Stopwatch.StartNew();
        var connectStarted = new double[online];
        var connected = new double[online];
        var heard = new ConcurrentBag<(int Subject, int Viewer, double At)>();
        var indexOf = students.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var hubs = new HubConnection?[online];
        var failedConnects = 0;
        var random = new Random(9);
        var offsets = Enumerable.Range(0, online).Select(_ => random.NextDouble() * connectSeconds * 1000).ToArray();
        await Task.WhenAll(Enumerable.Range(0, online).Select(i => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(offsets[i]));
            var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(students[i].Token);
            }).Build();
            hub.On<JsonElement>("online", e =>
            {
                if (e.GetProperty("status").GetString() == "online" && indexOf.TryGetValue(e.GetProperty("userId").GetString()!, out var subject))
                    heard.Add((subject, i, clock.Elapsed.TotalMilliseconds));
            });
            connectStarted[i] = clock.Elapsed.TotalMilliseconds;
            try
            {
                await hub.StartAsync();
                connected[i] = clock.Elapsed.TotalMilliseconds;
                hubs[i] = hub;
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failedConnects);
            }
        })));
        var stormSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));   // the last announcements land
        var cpuStorm = meter.CpuSeconds();
        var grainsAfterStorm = await PresenceGrainsAsync(http);
        var transactionsAfterStorm = await TransactionsAsync(database);
        var residentAfterStorm = meter.NodeResidentMiB();

        // An online event counts when the viewer was connected before the subject began to connect.
        var expected = 0;
        var latencies = new List<double>();
        var firstHeard = heard.GroupBy(h => (h.Subject, h.Viewer)).ToDictionary(g => g.Key, g => g.Min(h => h.At));
        for (var subject = 0; subject < online; subject++)
        {
            if (hubs[subject] is null) continue;
            foreach (var viewer in audienceOf[subject])
            {
                if (hubs[viewer] is null || connected[viewer] >= connectStarted[subject]) continue;
                expected++;
                if (firstHeard.TryGetValue((subject, viewer), out var at)) latencies.Add(at - connectStarted[subject]);
            }
        }

        Console.WriteLine($"connected {online - failedConnects} of {online} in {stormSeconds:F0} s ({failedConnects} failed)");
        Latencies.Report("connect → `online` at each follower/partner already connected", latencies);
        Console.WriteLine($"online events: {latencies.Count} of {expected} expected delivered ({(expected == 0 ? 100 : 100.0 * latencies.Count / expected):F1} %)");
        Console.WriteLine($"presence grain activations: {grainsBefore} before, {grainsAfterStorm} after the storm ({grainsAfterStorm - grainsBefore} during it; {online} online of {registered} registered)");
        Console.WriteLine(FormattableString.Invariant(
            $"PostgreSQL transactions during the storm: {transactionsAfterStorm - transactionsBefore} ({(transactionsAfterStorm - transactionsBefore) / (double)online:F1} per student coming online)"));
        Console.WriteLine("during the storm: " + ProcessMeter.Describe(cpuBefore, cpuStorm, stormSeconds + 3));
        Console.WriteLine($"node resident: {residentBefore:F0} MiB before, {residentAfterStorm:F0} MiB after the storm");

        Console.WriteLine($"chatting: every student a message every 5 s to their partner for {chatSeconds} s");
        var delivered = new ConcurrentBag<double>();
        foreach (var (hub, i) in hubs.Select((h, i) => (h, i)))
            hub?.On<JsonElement>("message", m =>
            {
                var text = m.GetProperty("text").GetString()!;
                if (m.GetProperty("sender").GetProperty("id").GetString() != students[i].Id && text.StartsWith("t=", StringComparison.Ordinal))
                    delivered.Add(clock.Elapsed.TotalMilliseconds - double.Parse(text[2..text.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture));
            });
        var failedSends = 0;
        var chatClock = Stopwatch.StartNew();
        var cpuChat = meter.CpuSeconds();
        await Task.WhenAll(Enumerable.Range(0, online).Where(i => hubs[i] is not null).Select(i => Task.Run(async () =>
        {
            await Task.Delay(random.Next(5000));
            for (var n = 0; chatClock.Elapsed.TotalSeconds < chatSeconds; n++)
            {
                try
                {
                    var text = FormattableString.Invariant($"t={clock.Elapsed.TotalMilliseconds:F3} good morning {n}");
                    await hubs[i]!.InvokeAsync<JsonElement>("SendMessage", conversationOf[i], $"storm-{i}-{n}", text);
                }
                catch (Exception) { Interlocked.Increment(ref failedSends); }
                await Task.Delay(5000);
            }
        })));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Latencies.Report("chat send → receive", delivered);
        Console.WriteLine($"failed sends: {failedSends}; " + ProcessMeter.Describe(cpuChat, meter.CpuSeconds(), chatClock.Elapsed.TotalSeconds));
        Console.WriteLine($"presence grain activations at the end: {await PresenceGrainsAsync(http)}; node resident {meter.NodeResidentMiB():F0} MiB");
        foreach (var hub in hubs.OfType<HubConnection>()) await hub.DisposeAsync();
        return failedConnects == 0 && failedSends == 0 ? 0 : 1;
    }

    private sealed record Student(string Handle, string Token, string Id);

    /// <summary>The node's PostgreSQL as run.sh set it up in the data folder.</summary>
    private static string ConnectionString(string dataDir) =>
        $"Host=127.0.0.1;Port={File.ReadAllText(Path.Combine(dataDir, "postgres.port")).Trim()};Database=chitlaq;Username=chitlaq;" +
        $"Password={File.ReadAllText(Path.Combine(dataDir, "chitlaq-db.password")).Trim()}";

    /// <summary>The user id is the access token's subject.</summary>
    private static string SubjectOf(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("sub").GetString()!;
    }

    /// <summary>
    /// Students not online today (users rows only) and the follow graph: everyone follows about
    /// <paramref name="follows"/> others, drawn with popularity falling off as a power of rank
    /// (the rank order shuffled, so online students are neither the most nor the least followed).
    /// </summary>
    private static async Task<long> SeedGraphAsync(NpgsqlDataSource database, List<string> onlineIds, int registered, int follows)
    {
        var random = new Random(20261202);
        var ids = onlineIds.Concat(Enumerable.Range(0, registered - onlineIds.Count).Select(_ => Guid.CreateVersion7().ToString("N"))).ToArray();
        random.Shuffle(ids);
        var now = DateTime.UtcNow;
        await using var connection = await database.OpenConnectionAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY users (user_id, handle, display_name, university, email_domain, email_verified, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var online = onlineIds.ToHashSet();
            foreach (var (id, n) in ids.Select((id, n) => (id, n)).Where(x => !online.Contains(x.id)))
            {
                await import.StartRowAsync();
                await import.WriteAsync(id);
                await import.WriteAsync($"storm_{id[^10..]}");
                await import.WriteAsync($"Student {n}");
                await import.WriteAsync(University);
                await import.WriteAsync(University);
                await import.WriteAsync(true);
                await import.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await import.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }
            await import.CompleteAsync();
        }

        var edges = new HashSet<(int, int)>();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY follows (follower_id, followee_id, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var follower = 0; follower < ids.Length; follower++)
            {
                var want = Math.Max(1, (int)(follows * (0.5 + random.NextDouble())));
                for (var k = 0; k < want; k++)
                {
                    var followee = (int)(ids.Length * Math.Pow(random.NextDouble(), 2.2));
                    if (followee == follower || !edges.Add((follower, followee))) continue;
                    await import.StartRowAsync();
                    await import.WriteAsync(ids[follower]);
                    await import.WriteAsync(ids[followee]);
                    await import.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                }
            }
            await import.CompleteAsync();
        }
        await using var analyze = database.CreateCommand("ANALYZE follows; ANALYZE users");
        await analyze.ExecuteNonQueryAsync();
        return edges.Count;
    }

    /// <summary>For each online student, the other online students who follow them or share a conversation with them.</summary>
    private static async Task<List<int>[]> OnlineAudiencesAsync(NpgsqlDataSource database, List<Student> students)
    {
        var indexOf = students.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var audience = students.Select(_ => new HashSet<int>()).ToArray();
        await using var command = database.CreateCommand("""
            SELECT follower_id, followee_id FROM follows WHERE followee_id = ANY($1) AND follower_id = ANY($1)
            UNION
            SELECT m1.user_id, m2.user_id FROM conversation_members m1 JOIN conversation_members m2
              ON m2.conversation_id = m1.conversation_id AND m2.user_id <> m1.user_id
            WHERE m1.user_id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = students.Select(s => s.Id).ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (indexOf.TryGetValue(reader.GetString(0), out var viewer) && indexOf.TryGetValue(reader.GetString(1), out var subject))
                audience[subject].Add(viewer);
        return audience.Select(a => a.ToList()).ToArray();
    }

    private static async Task<string> CreateConversationAsync(HttpClient http, Student from, Student to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/conversations") { Content = JsonContent.Create(new { memberHandles = new[] { to.Handle } }) };
        request.Headers.Authorization = new("Bearer", from.Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Presence grain activations the node has made so far, from Orleans' activation counter on /metrics.</summary>
    private static async Task<long> PresenceGrainsAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("orleans_catalog_activation_created_total{", StringComparison.Ordinal) && line.Contains("grain_type=\"user-presence\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<long> TransactionsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
