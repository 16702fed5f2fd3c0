using System.Net;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChitLaq.Tests.Operations;

/// <summary>
/// A node that has begun to stop takes no new realtime connections and leaves the load balancer's
/// rotation: the reconnect storm of its own clients must not hold its exit (the drain bound itself
/// is measured by the node-loss and chaos tests on real processes).
/// </summary>
public sealed class DrainingNodeTests
{
    [Fact]
    public async Task OnceStoppingANodeRefusesNewHubConnectionsWithRetryAfterAndReportsNotReady()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Holds the host's stop at its first step (hosted services stop in reverse order, so this
        // one, registered last, stops first): what is asserted below happens while the node is
        // "stopping" and the silo still runs, as on a real node during the drain.
        var holdStop = new HeldStop();
        await using var app = new ChitLaqAppFactory(database.ConnectionString).WithServices(services => services.AddHostedService(_ => holdStop));
        var ada = await app.RegisterVerifiedAsync();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", ada.AccessToken);

        // Serving: negotiation and readiness succeed.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        // The host begins to stop (what SIGTERM does first); the server still listens.
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var refused = await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());

        // The WebSocket/long-polling connect request (a negotiated id) is refused the same way.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/hubs/chat?id=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);

        // The gate is for the hub only: the API still answers while the node stops.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/auth/me")).StatusCode);
        holdStop.Release();
    }

    /// <summary>A hosted service whose stop waits until the test lets it go (or the host's shutdown timeout).</summary>
    private sealed class HeldStop : IHostedService
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
    }
}
