using System.Net;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

/// <summary>Rotating Auth:SigningKey with the old key in Auth:PreviousSigningKeys signs nobody out.</summary>
public sealed class SigningKeyRotationTests
{
    private const string NewKey = "the-new-signing-key-after-rotation-0123456789";

    [Fact]
    public async Task TokensFromThePreviousKeyStayValidUntilThatKeyIsRemoved()
    {
        await using var database = await TestDatabase.CreateAsync();
        string oldToken;
        await using (var before = new ChitLaqAppFactory(database.ConnectionString))
            oldToken = (await before.CreateClient().RegisterAsync()).AccessToken;

        await using (var rotated = new ChitLaqAppFactory(database.ConnectionString)
                         .WithSetting("Auth:SigningKey", NewKey)
                         .WithSetting("Auth:PreviousSigningKeys:0", ChitLaqAppFactory.SigningKey))
        {
            using var withOldToken = rotated.WithToken(oldToken);
            Assert.Equal(HttpStatusCode.OK, (await withOldToken.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        await using (var afterwards = new ChitLaqAppFactory(database.ConnectionString).WithSetting("Auth:SigningKey", NewKey))
        {
            using var withOldToken = afterwards.WithToken(oldToken);
            await (await withOldToken.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            var fresh = await afterwards.CreateClient().RegisterAsync();
            using var withNewToken = afterwards.WithToken(fresh.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await withNewToken.GetAsync("/api/v1/auth/me")).StatusCode);
        }
    }
}
