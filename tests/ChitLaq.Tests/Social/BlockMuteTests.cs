using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Social;

public sealed class BlockMuteTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task ABlockEndsFollowsBothWaysAndStopsNewOnes()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var troll = await Student.CreateAsync(fixture.App);
        await ada.FollowAsync(troll);
        await troll.FollowAsync(ada);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{troll.Handle}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{troll.Handle}/block", null)).StatusCode);

        var me = await ada.ProfileAsync(ada.Handle);
        Assert.Equal((0, 0), (me.FollowersCount, me.FollowingCount));
        var them = await troll.ProfileAsync(troll.Handle);
        Assert.Equal((0, 0), (them.FollowersCount, them.FollowingCount));
        Assert.True((await ada.ProfileAsync(troll.Handle)).IsBlocked);
        await (await troll.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await ada.Http.PostAsync($"/api/v1/users/{troll.Handle}/follow", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task BlockedPeopleSeeNothingOfEachOther()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var troll = await Student.CreateAsync(fixture.App);
        using var friend = await Student.CreateAsync(fixture.App);
        var adaPost = await ada.PostAsync("my thoughts");
        var trollPost = await troll.PostAsync("troll thoughts");
        await friend.Http.PostAsync($"/api/v1/posts/{trollPost.Id}/repost", null);
        await ada.FollowAsync(friend);
        await troll.PostAsync("a reply", adaPost.Id);

        await ada.Http.PostAsync($"/api/v1/users/{troll.Handle}/block", null);

        Assert.Empty((await ada.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{troll.Handle}/posts"))!.Items);
        Assert.Empty((await troll.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{ada.Handle}/posts"))!.Items);
        Assert.Empty((await ada.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/posts/{adaPost.Id}/replies"))!.Items);
        await (await ada.Http.GetAsync($"/api/v1/posts/{trollPost.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.DoesNotContain(await ada.HomeAsync(limit: 100) is var home ? home.Items : [], p => p.RepostOfId == trollPost.Id);
        await (await troll.Http.PostAsync($"/api/v1/posts/{adaPost.Id}/like", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await troll.Http.PostAsJsonAsync("/api/v1/posts", new { text = "sneaky", replyToId = adaPost.Id })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/users/{troll.Handle}/block")).StatusCode);
        Assert.Equal(2, (await ada.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{troll.Handle}/posts"))!.Items.Count);
    }

    [Fact]
    public async Task AMuteHidesTheAccountFromTheMutersFeedAndNotificationsOnly()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var loud = await Student.CreateAsync(fixture.App);
        await ada.FollowAsync(loud);
        await ada.HomeAsync();
        await ada.Http.PostAsync($"/api/v1/users/{loud.Handle}/mute", null);

        var post = await loud.PostAsync($"look at me @{ada.Handle}");
        await loud.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null);
        Assert.DoesNotContain(post.Id, await ada.HomeIdsAsync());
        Assert.Empty((await ada.NotificationsAsync()).Items);
        Assert.True((await ada.ProfileAsync(loud.Handle)).IsMuted);
        // Muting is private: the muted account's profile and posts stay reachable.
        Assert.Single((await ada.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{loud.Handle}/posts"))!.Items);

        await ada.Http.DeleteAsync($"/api/v1/users/{loud.Handle}/mute");
        Assert.Contains(post.Id, await ada.HomeIdsAsync());
    }
}
