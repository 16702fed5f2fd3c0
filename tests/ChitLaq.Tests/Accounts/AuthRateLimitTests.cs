using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class AuthRateLimitTests(AuthRateLimitTests.Fixture fixture) : IClassFixture<AuthRateLimitTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithSetting("RateLimits:PasswordResetMail:PermitLimit", "3").WithSetting("RateLimits:PasswordResetMail:WindowSeconds", "60");
    }

    [Fact]
    public async Task TooManyResetMailRequestsFromOneAddressGet429WithRetryAfterNot503()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            responses.Add(await fixture.Http.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = "someone@campus.edu" }));

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var limited = responses[4];
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
    }
}
