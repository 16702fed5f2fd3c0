using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class RefreshTokenTests(RefreshTokenTests.Fixture fixture) : IClassFixture<RefreshTokenTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    private HttpClient Http => fixture.Http;

    private async Task<AuthResponse> Refreshed(string refreshToken)
    {
        var response = await Http.RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    [Fact]
    public async Task RefreshGivesANewAccessTokenAndANewRefreshToken()
    {
        var registered = await Http.RegisterAsync();
        var next = await Refreshed(registered.RefreshToken);

        Assert.NotEqual(registered.RefreshToken, next.RefreshToken);
        Assert.NotEqual(registered.AccessToken, next.AccessToken);
        Assert.Equal(registered.User.Id, next.User.Id);
    }

    [Fact]
    public async Task PresentingASpentRefreshTokenRevokesTheWholeSession()
    {
        var registered = await Http.RegisterAsync();
        var stolenCopy = registered.RefreshToken;
        var legitimate = await Refreshed(registered.RefreshToken);

        await (await Http.RefreshAsync(stolenCopy)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        // The thief's replay also ends the owner's newer token of that session.
        await (await Http.RefreshAsync(legitimate.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

        Assert.Equal(1, (int)await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE user_id = @id AND event_type = 'refresh_reuse_detected'", ("id", registered.User.Id)));
    }

    [Fact]
    public async Task LogoutEndsOnlyThatSession()
    {
        var registered = await Http.RegisterAsync();
        var otherDevice = (await (await Http.LoginAsync(registered.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;

        Assert.Equal(HttpStatusCode.NoContent, (await Http.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = registered.RefreshToken })).StatusCode);

        await (await Http.RefreshAsync(registered.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await Refreshed(otherDevice.RefreshToken);
    }

    [Fact]
    public async Task ASessionUnusedForSevenDaysExpires()
    {
        var registered = await Http.RegisterAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await (await Http.RefreshAsync(registered.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task ASessionInDailyUseStillEndsAfterThirtyDays()
    {
        var registered = await Http.RegisterAsync();
        var current = registered.RefreshToken;
        for (var day = 0; day < 29; day++)
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
            current = (await Refreshed(current)).RefreshToken;
        }
        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await (await Http.RefreshAsync(current)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("0123456789abcdef0123456789abcdef.forged-secret")]
    public async Task ForgedRefreshTokensAreRefused(string refreshToken) =>
        await (await Http.RefreshAsync(refreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

    [Fact]
    public async Task OnlyAHashOfTheRefreshTokenIsStored()
    {
        var registered = await Http.RegisterAsync();
        var secret = registered.RefreshToken[(registered.RefreshToken.IndexOf('.') + 1)..];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));

        Assert.Equal(1, (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM auth_refresh_tokens WHERE token_hash = @h", ("h", hash)));
        Assert.Equal(0, (int)await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM auth_refresh_tokens WHERE encode(token_hash, 'escape') LIKE @s", ("s", "%" + secret + "%")));
    }

    [Fact]
    public async Task UsersCanListAndEndTheirSessions()
    {
        var registered = await Http.RegisterAsync();
        var phone = (await (await Http.LoginAsync(registered.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;
        using var client = fixture.App.WithToken(registered.AccessToken);

        var sessions = (await client.GetFromJsonAsync<ItemsResponse<SessionDto>>("/api/v1/auth/sessions"))!.Items;
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.Current);
        var other = Assert.Single(sessions, s => !s.Current);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/auth/sessions/{other.Id}")).StatusCode);
        await (await Http.RefreshAsync(phone.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/auth/sessions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(current.Id, Assert.Single((await client.GetFromJsonAsync<ItemsResponse<SessionDto>>("/api/v1/auth/sessions"))!.Items).Id);
    }
}
