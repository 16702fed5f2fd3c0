using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Operations;

/// <summary>
/// The shipped nginx config (deploy/nginx, rendered for loopback ports by render-local.sh) and the
/// shipped alert rules and dashboard, run by Debian's real nginx and Prometheus against a real
/// node. Slow: several processes.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EdgeStackTests(EdgeStackTests.Fixture fixture) : IClassFixture<EdgeStackTests.Fixture>
{
    public sealed class Fixture : NodeProcessFixture
    {
        private readonly string _work = Path.Combine(Path.GetTempPath(), "chitlaq-edge-test", Guid.NewGuid().ToString("N"));
        private Process? _prometheus;

        public LocalNginx Nginx { get; private set; } = null!;
        public int PrometheusPort { get; } = FreePorts.Next();
        public HttpClient Prometheus { get; } = new();

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Nginx = await LocalNginx.StartAsync(Node.HttpPort);

            Directory.CreateDirectory(_work);
            var prometheusConfig = Path.Combine(_work, "prometheus.yml");
            await File.WriteAllTextAsync(prometheusConfig, $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - {Tools.InRepository("deploy", "prometheus", "alerts.yml")}
                scrape_configs:
                  - job_name: chitlaq
                    static_configs:
                      - targets: ["127.0.0.1:{Node.HttpPort}"]
                """);
            _prometheus = Tools.Start("prometheus", $"--config.file={prometheusConfig}",
                $"--storage.tsdb.path={Path.Combine(_work, "tsdb")}", $"--web.listen-address=127.0.0.1:{PrometheusPort}");
            Prometheus.BaseAddress = new Uri($"http://127.0.0.1:{PrometheusPort}");
        }

        public override async Task DisposeAsync()
        {
            if (_prometheus is { HasExited: false })
            {
                _prometheus.Kill(entireProcessTree: true);
                await _prometheus.WaitForExitAsync();
            }
            Prometheus.Dispose();
            await Nginx.DisposeAsync();
            await base.DisposeAsync();
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task ALectureHallBehindOneAddressGetsThroughNginxWhileOneTokenFloodingIsSlowed()
    {
        // 400 sign-in-like requests (no token) from one address, 20 at a time: none refused at the edge.
        using var anonymous = fixture.Nginx.Client();
        var statuses = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 20 }, async (i, _) =>
        {
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = $"not-a-token-{i}" });
            lock (statuses) statuses.Add(response.StatusCode);
        });
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);

        // One token sending far past its burst is slowed; another token from the same address is not.
        var flooder = await fixture.Node.Http.RegisterAsync();
        var calm = await fixture.Node.Http.RegisterAsync();
        using var asFlooder = fixture.Nginx.Client(flooder.AccessToken);
        var flood = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => asFlooder.GetAsync("/api/v1/auth/me")));
        Assert.Contains(flood, response => response.StatusCode == HttpStatusCode.TooManyRequests);
        using var asCalm = fixture.Nginx.Client(calm.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asCalm.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task AChatSessionOverWebSocketsWorksThroughNginx()
    {
        using var http = fixture.Nginx.Client();
        var ada = await http.RegisterVerifiedAsync(fixture.Node.MailDirectory);
        var bo = await http.RegisterVerifiedAsync(fixture.Node.MailDirectory);

        using var asAda = fixture.Nginx.Client(ada.AccessToken);
        var chat = await (await asAda.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } }))
            .Content.ReadFromJsonAsync<ConversationDto>();

        await using var adaPhone = await Device.ConnectThroughTlsAsync(fixture.Nginx.Address, ada.AccessToken, fixture.Nginx.Certificate);
        await using var boPhone = await Device.ConnectThroughTlsAsync(fixture.Nginx.Address, bo.AccessToken, fixture.Nginx.Certificate);
        await adaPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat!.Id, "c1", "hello through nginx");
        var received = await boPhone.WaitFor("message");
        Assert.Equal("hello through nginx", received.GetProperty("text").GetString());

        await boPhone.Connection.InvokeAsync("Typing", chat.Id);
        await adaPhone.WaitFor("typing");
        await boPhone.Connection.InvokeAsync<MessageDto>("SendMessage", chat.Id, "c2", "and back");
        var reply = await adaPhone.WaitFor("message", m => m.GetProperty("seq").GetInt64() == 2);
        Assert.Equal("and back", reply.GetProperty("text").GetString());
    }

    [Fact]
    public async Task NginxRedirectsPlainHttpHidesOperatorEndpointsAndSendsEachSecurityHeaderOnce()
    {
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Nginx.HttpPort}") };
        var redirect = await Eventually.Satisfies(() => plain.GetAsync("/api/v1/handles/x/availability"),
            r => r.StatusCode == HttpStatusCode.MovedPermanently, "nginx answers on plain HTTP");
        Assert.StartsWith("https://", redirect.Headers.Location!.ToString());

        using var http = fixture.Nginx.Client();
        var answer = await Eventually.Satisfies(() => http.GetAsync("/api/v1/handles/someone/availability"),
            r => r.StatusCode == HttpStatusCode.OK, "nginx forwards to the node");
        Assert.Equal(["max-age=31536000"], answer.Headers.GetValues("Strict-Transport-Security"));
        Assert.Equal(["nosniff"], answer.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], answer.Headers.GetValues("X-Frame-Options"));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task NginxCachesUploadedImagesAndPassesTheirValidators()
    {
        using var http = fixture.Nginx.Client();
        var ada = await http.RegisterVerifiedAsync(fixture.Node.MailDirectory);
        using var asAda = fixture.Nginx.Client(ada.AccessToken);
        var media = await asAda.UploadOkAsync(TestImages.Jpeg(1200, 800));

        var first = await http.GetAsync(media.FeedUrl);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await http.GetAsync(media.FeedUrl);
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache-Status").Single());
        Assert.Equal(["nosniff"], second.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("public, max-age=31536000, immutable", second.Headers.CacheControl!.ToString());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());

        var revalidate = new HttpRequestMessage(HttpMethod.Get, media.FeedUrl);
        revalidate.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task PrometheusScrapesTheNodeAndEvaluatesEveryShippedRuleAndDashboardQuery()
    {
        await Eventually.Satisfies(async () => await PrometheusAsync("/api/v1/targets"),
            targets => targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .Any(t => t.GetProperty("health").GetString() == "up"),
            "Prometheus scrapes the node", TimeSpan.FromSeconds(60));

        var rules = await Eventually.Satisfies(async () => await PrometheusAsync("/api/v1/rules"),
            r => AllRules(r).Any() && AllRules(r).All(rule => rule.TryGetProperty("lastEvaluation", out var at) && !at.GetString()!.StartsWith("0001")),
            "every shipped rule has been evaluated", TimeSpan.FromSeconds(60));
        Assert.All(AllRules(rules), rule => Assert.True(rule.GetProperty("health").GetString() == "ok",
            $"rule {rule.GetProperty("name")} is {rule.GetProperty("health")}: {(rule.TryGetProperty("lastError", out var error) ? error.GetString() : "")}"));
        Assert.Contains(AllRules(rules), rule => rule.GetProperty("name").GetString() == "BackupTooOld");

        // Every query of the shipped Grafana dashboard is valid PromQL for this Prometheus.
        var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Tools.InRepository("deploy", "grafana", "dashboards", "chitlaq-overview.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)).ToList();
        Assert.True(queries.Count > 20);
        foreach (var query in queries)
        {
            var answer = await fixture.Prometheus.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{query}: {await answer.Content.ReadAsStringAsync()}");
        }

        // The node's own series are in Prometheus.
        var up = await PrometheusAsync("/api/v1/query?query=" + Uri.EscapeDataString("up{job=\"chitlaq\"}"));
        Assert.Equal("1", up.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());
        await Eventually.Satisfies(async () => await PrometheusAsync("/api/v1/query?query=orleans_catalog_activations"),
            r => r.GetProperty("data").GetProperty("result").GetArrayLength() > 0, "Orleans series are scraped");
    }

    private async Task<JsonElement> PrometheusAsync(string path)
    {
        try
        {
            return JsonDocument.Parse(await fixture.Prometheus.GetStringAsync(path)).RootElement;
        }
        catch (HttpRequestException)
        {
            return JsonDocument.Parse("""{"data":{"activeTargets":[],"groups":[]}}""").RootElement; // not listening yet
        }
    }

    private static IEnumerable<JsonElement> AllRules(JsonElement rules) =>
        rules.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray());
}
