using System.Net;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;
using Npgsql;

namespace ChitLaq.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task ReadinessFollowsPostgresReachabilityWhileLivenessStaysUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Timeout = 3, CommandTimeout = 5,
        };
        await using var app = new ChitLaqAppFactory(viaProxy.ConnectionString);
        using var http = app.CreateClient();

        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["postgres", "silo"], CheckNames(await ready.Content.ReadAsStringAsync()).Order());

        proxy.Cut();
        var down = await Eventually.Satisfies(() => http.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness reports PostgreSQL down");
        var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
        var postgres = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "postgres");
        Assert.Equal("unhealthy", postgres.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        proxy.Restore();
        await Eventually.Satisfies(() => http.GetAsync("/health/ready"),
            r => r.StatusCode == HttpStatusCode.OK, "readiness recovers once PostgreSQL is back");
    }

    private static IEnumerable<string> CheckNames(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()!).ToArray();
}
