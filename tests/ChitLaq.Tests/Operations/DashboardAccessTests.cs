using System.Net;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Operations;

/// <summary>The Orleans Dashboard answers only on its admin port, never on the public one. Slow: a real node process.</summary>
[Trait("Category", "Slow")]
public sealed class DashboardAccessTests(DashboardAccessTests.Fixture fixture) : IClassFixture<DashboardAccessTests.Fixture>
{
    public sealed class Fixture : NodeProcessFixture
    {
        public int DashboardPort { get; } = FreePorts.Next();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Dashboard__Enabled"] = "true",
            ["Dashboard__Port"] = DashboardPort.ToString(),
        };
    }

    [Fact]
    public async Task DashboardIsServedOnTheAdminPortOnly()
    {
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.DashboardPort}") };
        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("html", (await page.Content.ReadAsStringAsync()).ToLowerInvariant());

        var publicPort = await fixture.Node.Http.GetAsync("/dashboard/");
        await publicPort.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        spoofed.Headers.Host = $"127.0.0.1:{fixture.DashboardPort}";
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Node.Http.SendAsync(spoofed)).StatusCode);
    }
}
