using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Feeds;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Feeds;

public sealed class DiscoveryTests(DiscoveryTests.Fixture fixture) : IClassFixture<DiscoveryTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static Task<FeedsApi.TrendingDto?> Trending(Student who, string scope) =>
        who.Http.GetFromJsonAsync<FeedsApi.TrendingDto>($"/api/v1/feed/trending?scope={scope}");

    [Fact]
    public async Task HashtagsTrendByDistinctAccountsAndTheirWeightHalvesOverHours()
    {
        var (old, fresh) = (Tag(), Tag());
        var students = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Student.CreateAsync(fixture.App)));
        foreach (var student in students) await student.PostAsync($"studying for #{old}");
        await students[0].PostAsync($"again #{old}"); // the same account again adds no weight

        var before = await Eventually.Satisfies(() => Trending(students[0], "global"),
            t => t!.Hashtags.Any(h => h.Tag == old), "the tag trends");
        var oldTrend = before!.Hashtags.Single(h => h.Tag == old);
        Assert.Equal(4, oldTrend.PostCount);
        Assert.InRange(oldTrend.Score, 2.99, 3.0);

        fixture.Clock.Advance(TimeSpan.FromHours(12)); // two half-lives
        var newcomers = await Task.WhenAll(students.Select(s => s.SignInAgainAsync(fixture.App)));
        await newcomers[0].PostAsync($"new thing #{fresh}");
        await newcomers[1].PostAsync($"new thing #{fresh}");

        var after = await Eventually.Satisfies(() => Trending(newcomers[0], "global"),
            t => t!.Hashtags.Any(h => h.Tag == fresh), "the new tag trends");
        var tags = after!.Hashtags.Select(h => h.Tag).ToList();
        Assert.InRange(after.Hashtags.Single(h => h.Tag == old).Score, 0.74, 0.76);
        Assert.True(tags.IndexOf(fresh) < tags.IndexOf(old), "2 accounts now outrank 3 accounts 12 hours ago");
    }

    [Fact]
    public async Task CampusTrendsCountOnlyThatCampus()
    {
        var (here, there) = (Tag(), Tag());
        using var local = await Student.CreateAsync(fixture.App);
        using var remote = await Student.CreateAsync(fixture.App, domain: "example.edu");
        await local.PostAsync($"#{here}");
        await remote.PostAsync($"#{there}");

        var campus = await Eventually.Satisfies(() => Trending(local, "campus"), t => t!.Hashtags.Any(h => h.Tag == here), "the campus tag trends");
        Assert.DoesNotContain(campus!.Hashtags, h => h.Tag == there);
        var global = await Trending(local, "global");
        Assert.Contains(global!.Hashtags, h => h.Tag == there);
        await (await local.Http.GetAsync("/api/v1/feed/trending?scope=galaxy")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task CampusFollowersOnlyAndLockedAccountsHashtagsStayOutOfTrendsAfterTheTrendsGrainsReactivate()
    {
        var tags = new Dictionary<string, string> { ["public"] = Tag(), ["campus"] = Tag(), ["followers"] = Tag(), ["locked"] = Tag() };
        var students = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Student.CreateAsync(fixture.App)));
        // Three accounts per tag, so every tag would rank near the top if it were counted.
        foreach (var (kind, group) in tags.Keys.Zip(students.Chunk(3)))
            foreach (var author in group)
            {
                if (kind == "locked")
                    Assert.Equal(HttpStatusCode.OK, (await author.Http.PatchAsJsonAsync("/api/v1/users/me", new { locked = true })).StatusCode);
                var audience = kind is "campus" or "followers" ? kind : "public";
                Assert.Equal(HttpStatusCode.Created, (await author.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"exam week #{tags[kind]}", audience })).StatusCode);
            }
        var reader = students[0];
        await Eventually.Satisfies(() => Trending(reader, "global"), t => t!.Hashtags.Any(h => h.Tag == tags["public"]), "the public tag trends");

        // Every idle grain goes, the trends grains with them; their next activation replays the recent posts.
        await fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        foreach (var scope in new[] { "global", "campus" })
        {
            var trending = (await Trending(reader, scope))!.Hashtags.Select(h => h.Tag).ToList();
            Assert.Contains(tags["public"], trending);
            foreach (var kind in new[] { "campus", "followers", "locked" }) Assert.DoesNotContain(tags[kind], trending);
        }
    }

    [Fact]
    public async Task ExploreShowsPopularPostsOfAccountsYouDoNotFollowAndNotDeletedOnes()
    {
        using var viewer = await Student.CreateAsync(fixture.App);
        using var followed = await Student.CreateAsync(fixture.App);
        using var stranger = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        await viewer.FollowAsync(followed);
        var theirs = await followed.PostAsync("from someone you follow");
        var popular = await stranger.PostAsync("popular with strangers");
        var gone = await stranger.PostAsync("soon deleted");
        var mine = await viewer.PostAsync("my own");
        await fan.Http.PostAsync($"/api/v1/posts/{popular.Id}/like", null);
        await fan.Http.PostAsync($"/api/v1/posts/{popular.Id}/repost", null);
        await stranger.Http.DeleteAsync($"/api/v1/posts/{gone.Id}");

        var explore = await Eventually.Satisfies(
            async () => (await viewer.Http.GetFromJsonAsync<ItemsResponse<PostDto>>("/api/v1/feed/explore?limit=100"))!,
            page => page.Items.Any(p => p.Id == popular.Id), "the popular post is explored");
        var ids = explore.Items.Select(p => p.Id).ToList();
        Assert.DoesNotContain(theirs.Id, ids);
        Assert.DoesNotContain(mine.Id, ids);
        Assert.DoesNotContain(gone.Id, ids);
    }

    [Fact]
    public async Task RecommendationsSuggestFriendsOfFriendsWithAReasonAndPostsTheyLiked()
    {
        using var me = await Student.CreateAsync(fixture.App);
        using var friend = await Student.CreateAsync(fixture.App);
        using var friendOfFriend = await Student.CreateAsync(fixture.App);
        await me.FollowAsync(friend);
        await friend.FollowAsync(friendOfFriend);
        var liked = await friendOfFriend.PostAsync("my friend's friend wrote this");
        await friend.Http.PostAsync($"/api/v1/posts/{liked.Id}/like", null);

        var recommendations = (await me.Http.GetFromJsonAsync<FeedsApi.RecommendationsDto>("/api/v1/feed/recommendations"))!;
        var suggestion = recommendations.Users.First(u => u.User.Handle == friendOfFriend.Handle);
        Assert.Contains("someone you follow", suggestion.Reason);
        Assert.DoesNotContain(recommendations.Users, u => u.User.Handle == friend.Handle || u.User.Handle == me.Handle);
        Assert.Contains(recommendations.Posts, p => p.Id == liked.Id);
    }
}
