using System.Net;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class PasswordRehashTests
{
    [Fact]
    public async Task RaisingTheHashParametersRehashesAtTheNextSignIn()
    {
        await using var database = await TestDatabase.CreateAsync();
        string userId, email;
        await using (var before = new ChitLaqAppFactory(database.ConnectionString))
        {
            using var http = before.CreateClient();
            var registered = await http.RegisterAsync();
            (userId, email) = (registered.User.Id, registered.User.Email);
        }

        await using var after = new ChitLaqAppFactory(database.ConnectionString).WithSetting("Auth:PasswordHashing:MemoryKiB", "24576");
        using var client = after.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        var payload = System.Text.Encoding.UTF8.GetString((await database.ScalarAsync<byte[]>(
            SignInTests.AccountStateSql, ("email", email)))!);
        Assert.Contains("$argon2id$v=19$m=24576,t=2,p=1$", payload);
        Assert.Equal(1, (int)await database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE user_id = @id AND event_type = 'login_succeeded' AND details->>'rehashed' = 'true'", ("id", userId)));
    }
}
