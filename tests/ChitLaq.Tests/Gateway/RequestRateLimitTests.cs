using System.Net;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Gateway;

/// <summary>Every API request counts against the signed-in user, or the client address without a token.</summary>
public sealed class RequestRateLimitTests(RequestRateLimitTests.Fixture fixture) : IClassFixture<RequestRateLimitTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app
            .WithSetting("RateLimits:Anonymous:PermitLimit", "4").WithSetting("RateLimits:Anonymous:WindowSeconds", "300")
            .WithSetting("RateLimits:User:PermitLimit", "6").WithSetting("RateLimits:User:WindowSeconds", "300");
    }

    [Fact]
    public async Task EachUserAndEachAddressHasItsOwnQuotaAnsweredWith429AndRetryAfter()
    {
        // Two sign-ups use two of the address's four anonymous requests.
        var alice = await fixture.Http.RegisterAsync();
        var bob = await fixture.Http.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/v1/handles/free1/availability")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/api/v1/handles/free2/availability")).StatusCode);
        var anonymous = await fixture.Http.GetAsync("/api/v1/handles/free3/availability");
        await anonymous.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(anonymous.Headers.GetValues("Retry-After").Single()), 1, 300);

        // Signed-in users are counted per user, not per address: the spent address quota does not stop them.
        using var asAlice = fixture.App.WithToken(alice.AccessToken);
        using var asBob = fixture.App.WithToken(bob.AccessToken);
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await asAlice.GetAsync("/api/v1/auth/me")).StatusCode);
        var limited = await asAlice.GetAsync("/api/v1/auth/me");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 300);

        Assert.Equal(HttpStatusCode.OK, (await asBob.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task HealthAndMetricsAreNotCountedAgainstTheAddress()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/metrics")).StatusCode);
        }
    }
}
