using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Privacy;

/// <summary>API.md "Privacy and account control": locked accounts, follow requests, and the default audience.</summary>
public sealed class FollowRequestTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task ALockedAccountsFollowerAndFollowingListsAreForItselfAndItsApprovedFollowers()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        await ada.FollowAsync(cy);
        await ada.LockAsync(true);
        await bo.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null);

        foreach (var list in new[] { "followers", "following" })
        {
            await (await bo.Http.GetAsync($"/api/v1/users/{ada.Handle}/{list}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await fixture.Http.GetAsync($"/api/v1/users/{ada.Handle}/{list}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Equal(HttpStatusCode.OK, (await ada.Http.GetAsync($"/api/v1/users/{ada.Handle}/{list}")).StatusCode);
        }
        await ada.Http.PostAsync($"/api/v1/follow-requests/{bo.Handle}/approve", null);
        var followers = (await bo.Http.GetFromJsonAsync<ItemsResponse<UserDto>>($"/api/v1/users/{ada.Handle}/followers"))!.Items;
        Assert.Equal([bo.Id], followers.Select(u => u.Id));
        var following = (await bo.Http.GetFromJsonAsync<ItemsResponse<UserDto>>($"/api/v1/users/{ada.Handle}/following"))!.Items;
        Assert.Equal([cy.Id], following.Select(u => u.Id));
        await (await cy.Http.GetAsync($"/api/v1/users/{ada.Handle}/followers")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        // An open account's lists are public, as before.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"/api/v1/users/{cy.Handle}/followers")).StatusCode);
    }

    [Fact]
    public async Task FollowingALockedAccountAsksFirstAndApprovalMakesAFollowerWhoSeesItsPosts()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        await ada.LockAsync(true);
        var post = await ada.PostAsync("for my followers only");
        Assert.True((await bo.ProfileAsync(ada.Handle)).Locked);

        var asked = await bo.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.True((await asked.Content.ReadFromJsonAsync<GraphApi.FollowRequestedResponse>())!.Requested);
        var waiting = await bo.ProfileAsync(ada.Handle);
        Assert.True(waiting.FollowRequested);
        Assert.False(waiting.IsFollowing);
        Assert.Equal(0, waiting.FollowersCount);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.Http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode);

        Assert.Equal([bo.Handle], (await ada.RequestsAsync()).Select(u => u.Handle));
        var notice = await Eventually.Satisfies(ada.NotificationsAsync, n => n.Items.Any(i => i.Type == "follow_request"), "ada is told of the request");
        Assert.Equal(bo.Handle, notice.Items.First(i => i.Type == "follow_request").Actor.Handle);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/follow-requests/{bo.Handle}/approve", null)).StatusCode);
        Assert.Empty(await ada.RequestsAsync());
        var following = await bo.ProfileAsync(ada.Handle);
        Assert.True(following.IsFollowing);
        Assert.NotEqual(true, following.FollowRequested);
        Assert.Equal(1, following.FollowersCount);
        Assert.Equal(HttpStatusCode.OK, (await bo.Http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode);
        await (await ada.Http.PostAsync($"/api/v1/follow-requests/{bo.Handle}/approve", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ARequestCanBeRejectedOrCancelledAndABlockEndsIt()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        using var dee = await Student.CreateAsync(fixture.App);
        await ada.LockAsync(true);
        foreach (var who in new[] { bo, cy, dee }) Assert.Equal(HttpStatusCode.Accepted, (await who.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null)).StatusCode);
        // Asking again changes nothing.
        Assert.Equal(HttpStatusCode.Accepted, (await bo.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null)).StatusCode);
        Assert.Equal(3, (await ada.RequestsAsync()).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/follow-requests/{bo.Handle}/reject", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cy.Http.DeleteAsync($"/api/v1/users/{ada.Handle}/follow")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{dee.Handle}/block", null)).StatusCode);

        Assert.Empty(await ada.RequestsAsync());
        Assert.False((await bo.ProfileAsync(ada.Handle)).IsFollowing);
        Assert.NotEqual(true, (await cy.ProfileAsync(ada.Handle)).FollowRequested);
        await (await ada.Http.PostAsync("/api/v1/follow-requests/nobody-by-that-name/approve", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task UnlockingApprovesEveryoneWaiting()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        await ada.LockAsync(true);
        await bo.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null);
        await cy.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null);

        await ada.LockAsync(false);

        Assert.Empty(await ada.RequestsAsync());
        Assert.True((await bo.ProfileAsync(ada.Handle)).IsFollowing);
        Assert.True((await cy.ProfileAsync(ada.Handle)).IsFollowing);
        Assert.Equal(2, (await bo.ProfileAsync(ada.Handle)).FollowersCount);
        // Unlocked, following is immediate again.
        using var dee = await Student.CreateAsync(fixture.App);
        Assert.Equal(HttpStatusCode.NoContent, (await dee.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null)).StatusCode);
    }

    [Fact]
    public async Task ThePostAudienceDefaultsToTheProfileSettingAndUnknownAudiencesAreRefused()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var me = await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { defaultAudience = "campus" });
        Assert.Equal("campus", (await me.Content.ReadFromJsonAsync<MeDto>())!.DefaultAudience);

        Assert.Equal("campus", (await ada.PostAsync("to my campus by default")).Audience);
        var chosen = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "to everyone", audience = "public" });
        Assert.Equal("public", (await chosen.Content.ReadFromJsonAsync<PostDto>())!.Audience);

        await (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "x", audience = "friends" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { defaultAudience = "everyone" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}

internal static class Locking
{
    public static async Task LockAsync(this Student who, bool locked) =>
        Assert.Equal(HttpStatusCode.OK, (await who.Http.PatchAsJsonAsync("/api/v1/users/me", new { locked })).StatusCode);

    public static async Task<IReadOnlyList<UserDto>> RequestsAsync(this Student who) =>
        (await who.Http.GetFromJsonAsync<ItemsResponse<UserDto>>("/api/v1/follow-requests"))!.Items;
}
