using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;
using CsCheck;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Fuzzing;

/// <summary>
/// Property: no input, however hostile, gets a 5xx or an unhandled exception in the log. Requests
/// are generated from the node's own /openapi/v1.json for every operation, as anonymous, bogus-token,
/// unverified, verified and admin callers, against a real node process on real PostgreSQL; then the
/// hub gets generated invocations over a raw WebSocket. A fixed seed in CI; by hand:
/// <c>CHITLAQ_FUZZ_SEED=… CHITLAQ_FUZZ_REQUESTS=50000 CHITLAQ_FUZZ_INVOCATIONS=5000 ./deploy/local/test.sh --filter ApiFuzzTests</c>.
/// Slow: a real node process.
/// </summary>
[Trait("Category", "Slow")]
[Collection(CpuHeavyCollection.Name)]
public sealed class ApiFuzzTests(ApiFuzzTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<ApiFuzzTests.Fixture>
{
    private const string AdminEmail = "fuzz-admin@campus.edu";
    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("CHITLAQ_FUZZ_SEED"), out var seed) ? seed : 20261202;
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("CHITLAQ_FUZZ_REQUESTS"), out var n) ? n : 3000;
    private static readonly int Invocations = int.TryParse(Environment.GetEnvironmentVariable("CHITLAQ_FUZZ_INVOCATIONS"), out var m) ? m : 600;

    public sealed class Fixture : NodeProcessFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Auth__AdminEmails__0"] = AdminEmail };

        public Dictionary<string, string?> Tokens { get; } = new();
        public Dictionary<string, string[]> KnownValues { get; } = new();
        public string ConversationId { get; private set; } = "";
        public int LogLengthBeforeFuzzing { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var ada = await Node.RegisterVerifiedAsync();
            var bo = await Node.RegisterVerifiedAsync();
            var admin = await RegisterAdminAsync();
            var unverified = await Node.Http.RegisterAsync();
            using var asAda = Node.ClientFor(ada.AccessToken);
            var post = (await (await asAda.PostAsJsonAsync("/api/v1/posts", new { text = "fuzzing #campus @" + bo.User.Handle })).Content.ReadFromJsonAsync<PostDto>())!;
            var chat = (await (await asAda.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle }, title = "fuzz" }))
                .Content.ReadFromJsonAsync<ConversationDto>())!;
            var message = (await (await asAda.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "hi", clientMessageId = "fuzz-1" }))
                .Content.ReadFromJsonAsync<MessageDto>())!;
            var sessions = await asAda.GetFromJsonAsync<JsonElement>("/api/v1/auth/sessions");
            ConversationId = chat.Id;

            Tokens["anonymous"] = null;
            Tokens["bogus-token"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
            Tokens["unverified"] = unverified.AccessToken;
            Tokens["verified"] = ada.AccessToken;
            Tokens["admin"] = admin.AccessToken;
            KnownValues["handle"] = [ada.User.Handle, bo.User.Handle, unverified.User.Handle, admin.User.Handle];
            KnownValues["id"] = [post.Id, chat.Id];
            KnownValues["messageId"] = [message.Id];
            KnownValues["sessionId"] = [sessions.GetProperty("items")[0].GetProperty("id").GetString()!];
            KnownValues["role"] = ["moderator", "admin", "student"];
            KnownValues["q"] = ["fuzzing", "#campus", "from:" + ada.User.Handle, "\"fuzzing campus\""];
            KnownValues["scope"] = ["campus", "global"];
            KnownValues["handles"] = [$"{ada.User.Handle},{bo.User.Handle}"];
            LogLengthBeforeFuzzing = Node.Output.Length;
        }

        private async Task<AuthResponse> RegisterAdminAsync()
        {
            var handle = Infrastructure.Accounts.NewHandle("admin");
            await Node.Http.RegisterAsync(handle, AdminEmail);
            var mail = await Eventually.Satisfies(() => Task.FromResult(Infrastructure.Accounts.MailTo(Node.MailDirectory, AdminEmail).FirstOrDefault()),
                found => found is not null, "the admin's verification email is written");
            (await Node.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = Infrastructure.Accounts.TokenIn(mail!) })).EnsureSuccessStatusCode();
            return (await (await Node.Http.LoginAsync(AdminEmail)).Content.ReadFromJsonAsync<AuthResponse>())!;
        }
    }

    [Fact]
    public async Task NoGeneratedRequestOrHubInvocationGetsAServerErrorOrAnUnhandledException()
    {
        var document = await fixture.Node.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var api = new OpenApiOperations(document);
        var generator = new FuzzRequests(api, fixture.KnownValues, fixture.Tokens.Keys.ToList()).All;
        var random = new PCG(1, Seed);
        var requests = Enumerable.Range(0, Requests).Select(i => generator.Generate(random, null, out _)).ToList();

        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        using var http = new HttpClient { BaseAddress = fixture.Node.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForEachAsync(requests.Select((request, index) => (request, index)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, _) =>
        {
            var (request, index) = item;
            var failure = await SendAsync(http, request);
            lock (failures)
            {
                if (failure.Problem is not null) failures.Add($"#{index} {failure.Problem}\n  {request}");
                statuses[failure.Status] = statuses.GetValueOrDefault(failure.Status) + 1;
            }
        });
        var httpTime = clock.Elapsed;

        clock.Restart();
        var hubFailures = await FuzzHubAsync(random);
        var hubTime = clock.Elapsed;

        var serverErrors = ServerErrorLines(fixture.Node.Output[fixture.LogLengthBeforeFuzzing..]);
        output.WriteLine($"seed {Seed}: {requests.Count} requests over {api.All.Count} operations in {httpTime.TotalSeconds:F1} s " +
                         $"({requests.Count / httpTime.TotalSeconds:F0}/s); {Invocations} hub invocations in {hubTime.TotalSeconds:F1} s");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count + hubFailures.Count + serverErrors.Count == 0,
            Report($"{failures.Count} requests got a server error (seed {Seed}):", failures)
            + Report($"\n{hubFailures.Count} hub invocations failed (seed {Seed}):", hubFailures)
            + Report($"\n{serverErrors.Count} error lines in the node's log:", serverErrors));
    }

    private async Task<(int Status, string? Problem)> SendAsync(HttpClient http, FuzzRequest request)
    {
        try
        {
            using var message = request.ToMessage(fixture.Tokens[request.Caller]);
            using var response = await http.SendAsync(message);
            var status = (int)response.StatusCode;
            return (status, status >= 500 ? $"{status}: {await response.Content.ReadAsStringAsync()}" : null);
        }
        catch (HttpRequestException) when (request.Body?.Length > 1024 * 1024)
        {
            return (413, null); // the node answered 413 and closed the connection before the client finished sending
        }
        catch (Exception ex)
        {
            return (0, $"no answer: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<List<string>> FuzzHubAsync(PCG random)
    {
        var failures = new List<string>();
        var invocations = HubFuzzer.Invocations(fixture.ConversationId);
        var hub = await HubFuzzer.ConnectAsync(fixture.Node.Http.BaseAddress!, fixture.Tokens["verified"]!);
        try
        {
            for (var i = 0; i < Invocations; i++)
            {
                var (target, arguments) = invocations.Generate(random, null, out _);
                if (await hub.InvokeAsync(target, arguments) is not { } problem) continue;
                failures.Add($"#{i} {problem}");
                await hub.DisposeAsync();
                hub = await HubFuzzer.ConnectAsync(fixture.Node.Http.BaseAddress!, fixture.Tokens["verified"]!);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
        return failures;
    }

    private static string Report(string title, IEnumerable<string> items) =>
        title + "\n" + string.Join("\n", items.Take(20).Select(item => HostileValues.Printable(item).Replace("\\n", "\n")));

    /// <summary>JSON log lines at Error or Critical: an unhandled exception or a failure someone must look at.</summary>
    private static List<string> ServerErrorLines(string log) =>
        log.Split('\n').Where(line => line.Contains("\"LogLevel\":\"Error\"") || line.Contains("\"LogLevel\":\"Critical\"")).ToList();
}
