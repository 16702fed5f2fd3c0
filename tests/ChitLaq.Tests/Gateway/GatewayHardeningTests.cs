using System.Net;
using System.Text;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Gateway;

/// <summary>Security headers, HSTS, request body limits and the CORS allow-list at the HTTP edge.</summary>
public sealed class GatewayHardeningTests(GatewayHardeningTests.Fixture fixture) : IClassFixture<GatewayHardeningTests.Fixture>
{
    public const string AllowedOrigin = "https://app.campus.edu";

    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app
            .WithSetting("Gateway:CorsAllowedOrigins:0", AllowedOrigin)
            .WithSetting("Gateway:MaxRequestBodyBytes", "65536");
    }

    [Theory]
    [InlineData("/api/v1/handles/someone/availability")]
    [InlineData("/api/v1/no/such/route")]
    [InlineData("/health/live")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        var response = await fixture.Http.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task HstsIsSentOnHttpsOnly()
    {
        using var https = fixture.App.CreateClient(new() { BaseAddress = new Uri("https://chitlaq.campus.edu") });
        var secure = await https.GetAsync("/health/live");
        Assert.Equal("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());

        var plain = await fixture.Http.GetAsync("/health/live");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task BodyOverTheLimitIs413ProblemAndABodyUnderItIsRead()
    {
        var tooBig = new StringContent($$"""{"email":"{{new string('a', 70_000)}}@campus.edu","password":"x"}""", Encoding.UTF8, "application/json");
        var rejected = await fixture.Http.PostAsync("/api/v1/auth/login", tooBig);
        await rejected.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        var small = new StringContent("""{"email":"nobody@campus.edu","password":"wrong-password-1"}""", Encoding.UTF8, "application/json");
        var read = await fixture.Http.PostAsync("/api/v1/auth/login", small);
        await read.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task CorsPreflightIsAllowedOnlyForConfiguredOrigins()
    {
        var allowed = await fixture.Http.SendAsync(Preflight(AllowedOrigin));
        Assert.Equal(AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        var other = await fixture.Http.SendAsync(Preflight("https://evil.example.com"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return request;
    }
}
