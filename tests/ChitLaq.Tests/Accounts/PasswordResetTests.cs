using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class PasswordResetTests(PasswordResetTests.Fixture fixture) : IClassFixture<PasswordResetTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    private HttpClient Http => fixture.Http;

    private Task<HttpResponseMessage> Forgot(string email) => Http.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email });

    private Task<HttpResponseMessage> Reset(string token, string newPassword) =>
        Http.PostAsJsonAsync("/api/v1/auth/password/reset", new { token, newPassword });

    [Fact]
    public async Task ForgotAnswers202WhetherOrNotTheAccountExistsAndMailsOnlyRealAccounts()
    {
        var registered = await Http.RegisterAsync();
        var stranger = $"stranger{Guid.NewGuid():N}@campus.edu";

        Assert.Equal(HttpStatusCode.Accepted, (await Forgot(registered.User.Email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Forgot(stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Forgot("not even an address")).StatusCode);

        Assert.False(string.IsNullOrEmpty(await fixture.App.MailTokenAsync(registered.User.Email, "Reset")));
        Assert.Empty(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, stranger));
    }

    [Fact]
    public async Task ResettingChangesThePasswordAndEndsEverySession()
    {
        var registered = await Http.RegisterAsync();
        var laptop = await Http.LoginAsync(registered.User.Email);
        await Forgot(registered.User.Email);
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Reset");

        Assert.Equal(HttpStatusCode.NoContent, (await Reset(token, "Brand-New-Secret-77")).StatusCode);

        await (await Http.RefreshAsync(registered.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        var laptopToken = (await laptop.Content.ReadFromJsonAsync<Api.Auth.AuthResponse>())!.RefreshToken;
        await (await Http.RefreshAsync(laptopToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await Http.LoginAsync(registered.User.Email)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await Http.LoginAsync(registered.User.Email, "Brand-New-Secret-77")).StatusCode);
        await Eventually.Satisfies(() => Task.FromResult(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, registered.User.Email)),
            mails => mails.Any(m => m.Subject!.Contains("was changed")), "the 'password changed' notice is sent");

        await (await Reset(token, "Another-New-Secret-88")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task AResetLinkExpiresAfterAnHour()
    {
        var registered = await Http.RegisterAsync();
        await Forgot(registered.User.Email);
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Reset");
        fixture.Clock.Advance(TimeSpan.FromMinutes(61));

        await (await Reset(token, "Brand-New-Secret-77")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedAndTheTokenStillWorks()
    {
        var registered = await Http.RegisterAsync();
        await Forgot(registered.User.Email);
        var token = await fixture.App.MailTokenAsync(registered.User.Email, "Reset");

        var weak = await Reset(token, "short");
        var problem = await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await Reset(token, "Brand-New-Secret-77")).StatusCode);
    }

    [Fact]
    public async Task AResetIsAudited()
    {
        var registered = await Http.RegisterAsync();
        await Forgot(registered.User.Email);
        await Reset(await fixture.App.MailTokenAsync(registered.User.Email, "Reset"), "Brand-New-Secret-77");

        Assert.Equal(2, (int)await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE user_id = @id AND event_type IN ('password_reset_requested', 'password_reset')",
            ("id", registered.User.Id)));
    }
}
