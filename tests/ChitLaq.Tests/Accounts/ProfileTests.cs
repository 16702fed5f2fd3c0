using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class ProfileTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task AnyoneCanReadAProfileByHandleAndSignedInReadersSeeRelationFlags()
    {
        var author = await fixture.Http.RegisterAsync();
        var anonymous = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/v1/users/{author.User.Handle.ToUpperInvariant()}")).RootElement;
        Assert.Equal(author.User.Handle, anonymous.GetProperty("handle").GetString());
        Assert.Equal(0, anonymous.GetProperty("followersCount").GetInt32());
        Assert.False(anonymous.TryGetProperty("isFollowing", out _));

        var reader = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(reader.AccessToken);
        var signedIn = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/users/{author.User.Handle}")).RootElement;
        foreach (var flag in new[] { "isFollowing", "followsYou", "isBlocked", "isMuted" })
            Assert.False(signedIn.GetProperty(flag).GetBoolean());
    }

    [Theory]
    [InlineData("nobody_here_at_all")]
    [InlineData("x")]
    public async Task AnUnknownHandleIsNotFound(string handle) =>
        await (await fixture.Http.GetAsync($"/api/v1/users/{handle}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

    [Fact]
    public async Task UsersEditTheirOwnProfile()
    {
        var registered = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(registered.AccessToken);

        var response = await client.PatchAsJsonAsync("/api/v1/users/me",
            new { displayName = "  Ada L.  ", bio = "CS, chess club", major = "Computer Science", graduationYear = DateTime.UtcNow.Year + 2 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = (await response.Content.ReadFromJsonAsync<MeDto>())!;
        Assert.Equal("Ada L.", me.DisplayName);
        Assert.Equal("CS, chess club", me.Bio);
        Assert.Equal("Computer Science", me.Major);

        // Fields left out stay; an empty string clears.
        var cleared = (await (await client.PatchAsJsonAsync("/api/v1/users/me", new { bio = "" })).Content.ReadFromJsonAsync<MeDto>())!;
        Assert.Null(cleared.Bio);
        Assert.Equal("Computer Science", cleared.Major);

        var publicView = (await fixture.Http.GetFromJsonAsync<UserDto>($"/api/v1/users/{registered.User.Handle}"))!;
        Assert.Equal("Ada L.", publicView.DisplayName);
        Assert.Equal("Computer Science", await fixture.Database.ScalarAsync<string>("SELECT major FROM users WHERE user_id = @id", ("id", registered.User.Id)));
    }

    [Fact]
    public async Task InvalidProfileChangesAreRefusedFieldByFieldAndChangeNothing()
    {
        var registered = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(registered.AccessToken);

        var response = await client.PatchAsJsonAsync("/api/v1/users/me", new
        {
            displayName = new string('a', 51), bio = new string('b', 161), graduationYear = 1800, avatarMediaId = "nope",
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        foreach (var field in new[] { "displayName", "bio", "graduationYear", "avatarMediaId" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);

        var me = (await client.GetFromJsonAsync<MeDto>("/api/v1/auth/me"))!;
        Assert.Equal(registered.User.DisplayName, me.DisplayName);
    }

    [Fact]
    public async Task EditingAProfileNeedsSigningIn() =>
        await (await fixture.Http.PatchAsJsonAsync("/api/v1/users/me", new { bio = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
}
