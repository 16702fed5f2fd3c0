using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class SignInTests(SignInTests.Fixture fixture) : IClassFixture<SignInTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    private HttpClient Http => fixture.Http;

    /// <summary>The stored state of the account with this email (user ids are stored as GUID keys).</summary>
    internal const string AccountStateSql =
        "SELECT payload_binary FROM orleans_storage WHERE grain_type_string = 'account' AND convert_from(payload_binary, 'UTF8')::jsonb->>'Email' = @email";

    [Fact]
    public async Task SignInWithTheRightPasswordReturnsTokensWhateverTheEmailCase()
    {
        var registered = await Http.RegisterAsync();
        var response = await Http.LoginAsync(registered.User.Email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.Equal(registered.User.Id, body.User.Id);
        Assert.NotEqual(registered.RefreshToken, body.RefreshToken);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownEmailGetTheSameAnswer()
    {
        var registered = await Http.RegisterAsync();
        var wrongPassword = await Http.LoginAsync(registered.User.Email, "Not-The-Password-1");
        var unknownEmail = await Http.LoginAsync($"nobody{Guid.NewGuid():N}@campus.edu");

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var second = await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(first.GetProperty("title").GetString(), second.GetProperty("title").GetString());
        Assert.Equal(Keys(first), Keys(second));
    }

    [Fact]
    public async Task TenFailuresLockTheAccountEvenForTheRightPasswordUntilTheLockEnds()
    {
        var registered = await Http.RegisterAsync();
        for (var i = 0; i < 9; i++)
            await (await Http.LoginAsync(registered.User.Email, $"Wrong-password-{i}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        var tenth = await Http.LoginAsync(registered.User.Email, "Wrong-password-10");
        await tenth.AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        var locked = await Http.LoginAsync(registered.User.Email);
        await locked.AssertProblemAsync(HttpStatusCode.Locked, "account_locked");
        Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single()) is > 0 and <= 15 * 60);

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await Http.LoginAsync(registered.User.Email)).StatusCode);

        var events = await AuditTypes(registered.User.Id);
        Assert.Contains("account_locked", events);
        Assert.Contains("login_succeeded", events);
        Assert.True(events.Count(e => e == "login_failed") >= 10);
    }

    [Fact]
    public async Task FailuresOutsideTheWindowDoNotAddUp()
    {
        var registered = await Http.RegisterAsync();
        for (var i = 0; i < 9; i++) await Http.LoginAsync(registered.User.Email, $"Wrong-password-{i}");
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));

        var afterWindow = await Http.LoginAsync(registered.User.Email, "Wrong-password-x");
        await afterWindow.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task PasswordsAreStoredAsArgon2idHashesOnly()
    {
        var registered = await Http.RegisterAsync();
        var payload = await fixture.Database.ScalarAsync<byte[]>(
            AccountStateSql, ("email", registered.User.Email));
        var json = System.Text.Encoding.UTF8.GetString(payload!);
        Assert.Contains("$argon2id$v=19$m=19456,t=2,p=1$", json);
        Assert.DoesNotContain(Infrastructure.Accounts.Password, json);
    }

    private async Task<List<string>> AuditTypes(string userId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT event_type FROM audit_events WHERE user_id = $1", connection);
        command.Parameters.AddWithValue(userId);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

    private static string[] Keys(JsonElement problem) =>
        problem.EnumerateObject().Select(p => p.Name).Order().ToArray();
}
