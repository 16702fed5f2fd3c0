using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Telemetry;

/// <summary>
/// A node's log, written at Debug as an operator chasing a problem would set it, never holds a
/// password, token or key, and is JSON lines carrying trace ids. Slow: a real node process.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LogSecrecyTests(LogSecrecyTests.Fixture fixture) : IClassFixture<LogSecrecyTests.Fixture>
{
    public sealed class Fixture : NodeProcessFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Orleans"] = "Debug",
            ["Logging__LogLevel__ChitLaq"] = "Debug",
        };
    }

    [Fact]
    public async Task NoPasswordTokenOrKeyReachesTheLog()
    {
        var node = fixture.Node;
        var secrets = new List<string> { Infrastructure.Accounts.Password, ChitLaqAppFactory.SigningKey };

        var account = await node.RegisterVerifiedAsync();
        secrets.Add(account.AccessToken);
        secrets.Add(account.RefreshToken);
        await node.Http.LoginAsync(account.User.Email, "Wrong-Password-That-Leaks-9");
        secrets.Add("Wrong-Password-That-Leaks-9");

        var refreshed = await (await node.Http.RefreshAsync(account.RefreshToken)).Content.ReadFromJsonAsync<AuthResponse>();
        secrets.Add(refreshed!.AccessToken);
        secrets.Add(refreshed.RefreshToken);
        var replayed = await node.Http.RefreshAsync(account.RefreshToken); // a replay: logged as a security event
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        // Browsers pass the hub's token in the query string.
        var negotiate = await node.Http.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={refreshed.AccessToken}", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);

        (await node.Http.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = account.User.Email })).EnsureSuccessStatusCode();
        var resetMail = await Eventually.Satisfies(
            () => Task.FromResult(Infrastructure.Accounts.MailTo(node.MailDirectory, account.User.Email).FirstOrDefault(m => m.Subject?.Contains("Reset") == true)),
            found => found is not null, "the reset email is written");
        var resetToken = Infrastructure.Accounts.TokenIn(resetMail!);
        secrets.Add(resetToken);
        (await node.Http.PostAsJsonAsync("/api/v1/auth/password/reset", new { token = resetToken, newPassword = "Brand-New-Secret-77" })).EnsureSuccessStatusCode();
        secrets.Add("Brand-New-Secret-77");
        secrets.Add(new Npgsql.NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString).Password!);

        await Task.Delay(500); // let the console logger drain
        var log = node.Output;
        Assert.True(log.Length > 1000, "the node wrote its log");
        foreach (var secret in secrets.Where(s => s.Length >= 6))
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log contains a secret ({secret[..4]}…)");

        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var traced = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("Scopes", out var scopes) && scopes.ToString().Contains("TraceId")).ToList();
        Assert.NotEmpty(traced);
    }
}
