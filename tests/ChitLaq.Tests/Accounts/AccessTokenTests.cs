using System.Net;
using System.Text;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChitLaq.Tests.Accounts;

public sealed class AccessTokenTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task TheAccessTokenCarriesSubjectHandleRolesAndIdAndLastsFifteenMinutes()
    {
        var registered = await fixture.Http.RegisterAsync();
        var token = new JsonWebToken(registered.AccessToken);

        Assert.Equal("HS256", token.Alg);
        Assert.Equal(registered.User.Id, token.Subject);
        Assert.Equal(registered.User.Handle, token.GetClaim("handle").Value);
        Assert.Equal(["student"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.ValidFrom);
    }

    [Fact]
    public async Task AValidTokenOpensTheAccount()
    {
        var registered = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(registered.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task NoTokenIsUnauthorizedProblem()
    {
        var response = await fixture.Http.GetAsync("/api/v1/auth/me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ATamperedTokenIsRefused()
    {
        var registered = await fixture.Http.RegisterAsync();
        var parts = registered.AccessToken.Split('.');
        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[1])).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => (object)p.Value.Clone());
        payload["roles"] = new[] { "student", "admin" };
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";

        await AssertRefused(forged);
    }

    [Fact]
    public async Task AnUnsignedAlgNoneTokenIsRefused()
    {
        var registered = await fixture.Http.RegisterAsync();
        var payload = registered.AccessToken.Split('.')[1];
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        await AssertRefused($"{header}.{payload}.");
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRefused() =>
        await AssertRefused(Mint("another-signing-key-that-is-32-bytes-or-more!!", DateTime.UtcNow.AddMinutes(10)));

    [Fact]
    public async Task AnExpiredTokenIsRefused() =>
        await AssertRefused(Mint(ChitLaqAppFactory.SigningKey, DateTime.UtcNow.AddMinutes(-5)));

    [Fact]
    public async Task TheHubRefusesConnectionsWithoutATokenAndAcceptsTheQueryToken()
    {
        var negotiate = await fixture.Http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        var registered = await fixture.Http.RegisterAsync();
        var withQuery = await fixture.Http.PostAsync($"/hubs/chat/negotiate?negotiateVersion=1&access_token={registered.AccessToken}", null);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.Server.BaseAddress, "/hubs/chat"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(registered.AccessToken);
            })
            .Build();
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private async Task AssertRefused(string token)
    {
        using var client = fixture.App.WithToken(token);
        var response = await client.GetAsync("/api/v1/auth/me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static string Mint(string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "chitlaq",
        Audience = "chitlaq",
        NotBefore = expires.AddMinutes(-20),
        IssuedAt = expires.AddMinutes(-20),
        Expires = expires,
        Claims = new Dictionary<string, object> { ["sub"] = "0123456789abcdef0123456789abcdef", ["handle"] = "someone", ["roles"] = new[] { "admin" } },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
