using System.Net;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Operations;

public sealed class OpenApiAndMetricsTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        var response = await fixture.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Equal("ChitLaq API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/handles/{handle}/availability", out _));
    }

    [Fact]
    public async Task MetricsArePrometheusTextWithHttpRuntimeAndOrleansSeries()
    {
        await fixture.Http.GetAsync("/api/v1/handles/metricsprobe/availability");

        var metrics = await Eventually.Satisfies(
            async () => await (await fixture.Http.GetAsync("/metrics")).Content.ReadAsStringAsync(),
            text => text.Contains("http_server_request_duration") && text.Contains("orleans_"),
            "the scrape contains HTTP and Orleans series");

        Assert.Contains("# TYPE", metrics);
        Assert.Contains("dotnet_gc_", metrics);
    }
}
