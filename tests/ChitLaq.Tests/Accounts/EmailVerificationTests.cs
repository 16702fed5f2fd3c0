using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChitLaq.Tests.Accounts;

public sealed class EmailVerificationTests(EmailVerificationTests.Fixture fixture) : IClassFixture<EmailVerificationTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();

        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithModule(new WriteProbe()).WithClock(Clock);
    }

    /// <summary>A write endpoint guarded the way posts, follows, messages and uploads are.</summary>
    private sealed class WriteProbe : IApiModule
    {
        public void Map(RouteGroupBuilder api) =>
            api.MapPost("/probe/write", () => TypedResults.Ok(new { written = true })).RequireAuthorization(Policies.VerifiedEmail);
    }

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task TheEmailedTokenVerifiesOnceAndOnlyOnce()
    {
        var registered = await Http.RegisterAsync();
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Verify");

        Assert.Equal(HttpStatusCode.NoContent, (await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
        using var me = fixture.App.WithToken(registered.AccessToken);
        Assert.True((await me.GetFromJsonAsync<Api.Users.MeDto>("/api/v1/auth/me"))!.EmailVerified);

        var again = await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        await again.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.not-the-secret")]
    public async Task ForgedTokensAreRefused(string token)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task UnverifiedAccountsCanSignInAndEditTheirProfileButNotWrite()
    {
        var registered = await Http.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await Http.LoginAsync(registered.User.Email)).StatusCode);

        using var client = fixture.App.WithToken(registered.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "first year" })).StatusCode);
        var write = await client.PostAsJsonAsync("/api/v1/probe/write", new { });
        await write.AssertProblemAsync(HttpStatusCode.Forbidden, "email_not_verified");
    }

    [Fact]
    public async Task AfterVerifyingWritesWorkEvenWithTheTokenIssuedBefore()
    {
        var registered = await Http.RegisterAsync();
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Verify");
        await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });

        using var client = fixture.App.WithToken(registered.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/probe/write", new { })).StatusCode);
    }

    [Fact]
    public async Task ResendIsThrottledThenReplacesTheOldLink()
    {
        var registered = await Http.RegisterAsync();
        using var client = fixture.App.WithToken(registered.AccessToken);
        var first = await fixture.App.MailTokenAsync(registered.User.Email, "Verify");

        var tooSoon = await client.PostAsync("/api/v1/auth/resend-verification", null);
        await tooSoon.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(tooSoon.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/auth/resend-verification", null)).StatusCode);
        var second = await Eventually.Satisfies(() => fixture.App.MailTokenAsync(registered.User.Email, "Verify"),
            token => token != first, "the second verification email arrives");

        await (await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = first }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = second })).StatusCode);

        var afterVerified = await client.PostAsync("/api/v1/auth/resend-verification", null);
        await afterVerified.AssertProblemAsync(HttpStatusCode.Conflict, "already_verified");
    }

    [Fact]
    public async Task AVerificationLinkExpiresAfter24Hours()
    {
        var registered = await Http.RegisterAsync();
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Verify");
        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var response = await Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }
}
