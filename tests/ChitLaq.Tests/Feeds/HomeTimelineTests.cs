using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Feeds;

public sealed class HomeTimelineTests(HomeTimelineTests.Fixture fixture) : IClassFixture<HomeTimelineTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        // Accounts with more than 3 followers count as big here, to exercise the read-time merge.
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithClock(Clock).WithSetting("Feeds:BigAccountFollowers", "3");
    }

    [Fact]
    public async Task YourOwnPostIsOnYourHomeAtOnce()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        await ada.HomeAsync();
        var post = await ada.PostAsync("hello campus");
        Assert.Equal(post.Id, (await ada.HomeAsync()).Items[0].Id);
    }

    [Fact]
    public async Task AFollowedAccountsPostsAndRepostsArriveByFanOut()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        using var stranger = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        await reader.HomeAsync(); // loads the timeline and marks the reader active

        var post = await author.PostAsync("fresh news");
        await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Contains(post.Id), "the post reaches the follower's timeline");

        var strangers = await stranger.PostAsync("not followed");
        await author.Http.PostAsync($"/api/v1/posts/{strangers.Id}/repost", null);
        var home = await Eventually.Satisfies(() => reader.HomeAsync(), page => page.Items.Any(p => p.RepostOfId == strangers.Id), "the repost arrives");
        Assert.Equal("not followed", home.Items.First(p => p.RepostOfId == strangers.Id).RepostOf!.Text);
        Assert.DoesNotContain(home.Items, p => p.Id == strangers.Id);
    }

    [Fact]
    public async Task FollowingBringsRecentPostsAndUnfollowingTakesThemAway()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        var earlier = await author.PostAsync("before you followed");
        await reader.HomeAsync();

        await reader.FollowAsync(author);
        Assert.Contains(earlier.Id, await reader.HomeIdsAsync());

        await reader.Http.DeleteAsync($"/api/v1/users/{author.Handle}/follow");
        Assert.DoesNotContain(earlier.Id, await reader.HomeIdsAsync());
    }

    [Fact]
    public async Task ADeletedPostLeavesEveryTimeline()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        await reader.HomeAsync();
        var post = await author.PostAsync("oops");
        await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Contains(post.Id), "the post arrives");

        await author.Http.DeleteAsync($"/api/v1/posts/{post.Id}");
        Assert.DoesNotContain(post.Id, await reader.HomeIdsAsync());
        Assert.DoesNotContain(post.Id, await author.HomeIdsAsync());
    }

    [Fact]
    public async Task PagingNeitherRepeatsNorSkipsWhilePostsArrive()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        var posted = new List<string>();
        for (var i = 0; i < 12; i++) posted.Add((await author.PostAsync($"item {i}")).Id);

        var seen = new List<string>();
        string? cursor = null;
        var writer = Task.Run(async () => { for (var i = 0; i < 6; i++) await author.PostAsync($"while paging {i}"); });
        do
        {
            var page = await reader.HomeAsync(cursor, limit: 4);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        } while (cursor is not null && seen.Count < 100);
        await writer;

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        var older = seen.SkipWhile(id => !posted.Contains(id)).ToList();
        Assert.Equal(Enumerable.Reverse(posted), older.Where(posted.Contains));
        Assert.Equal(seen.OrderDescending(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task BigAccountsAreMergedInAtReadTime()
    {
        using var star = await Student.CreateAsync(fixture.App);
        var fans = new List<Student>();
        for (var i = 0; i < 4; i++)
        {
            var fan = await Student.CreateAsync(fixture.App);
            await fan.FollowAsync(star);
            await fan.HomeAsync();
            fans.Add(fan);
        }
        Assert.Equal(1, (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM big_accounts WHERE user_id = @id", ("id", star.Id)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2)); // past the hand-over: the star's posts are no longer pushed

        var post = await star.PostAsync("announcement for everyone");
        foreach (var fan in fans)
        {
            Assert.Contains(post.Id, await fan.HomeIdsAsync());
            fan.Dispose();
        }
    }

    [Fact]
    public async Task AnInactiveFollowerGetsNoPushesButSeesEverythingWhenBack()
    {
        using var authorBefore = await Student.CreateAsync(fixture.App);
        using var sleeperBefore = await Student.CreateAsync(fixture.App);
        await sleeperBefore.FollowAsync(authorBefore);
        await sleeperBefore.HomeAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(8)); // the sleeper has not read a feed for 8 days
        using var author = await authorBefore.SignInAgainAsync(fixture.App);
        using var awake = await Student.CreateAsync(fixture.App);
        await awake.FollowAsync(author);
        await awake.HomeAsync();

        var post = await author.PostAsync("while you were away");
        await Eventually.Satisfies(awake.HomeIdsAsync, ids => ids.Contains(post.Id), "the active follower gets the push");
        var activeSince = await fixture.Database.ScalarAsync<DateTime>("SELECT last_active_at FROM user_activity WHERE user_id = @id", ("id", sleeperBefore.Id));
        Assert.True(fixture.Clock.GetUtcNow() - activeSince > TimeSpan.FromDays(7), "the sleeper is outside the push window");

        using var sleeper = await sleeperBefore.SignInAgainAsync(fixture.App);
        Assert.Contains(post.Id, await sleeper.HomeIdsAsync());
    }

    [Fact]
    public async Task TimelinesSurviveARestartOfTheHost()
    {
        await using var database = await TestDatabase.CreateAsync();
        List<string> before;
        string readerEmail;
        await using (var first = new ChitLaqAppFactory(database.ConnectionString))
        {
            using var reader = await Student.CreateAsync(first);
            using var author = await Student.CreateAsync(first);
            await reader.FollowAsync(author);
            await reader.HomeAsync();
            for (var i = 0; i < 5; i++) await author.PostAsync($"durable {i}");
            await author.Http.PostAsync($"/api/v1/posts/{(await reader.PostAsync("mine")).Id}/repost", null);
            before = await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Count == 7, "all posts are on the timeline");
            readerEmail = reader.Account.User.Email;
        }

        await using var second = new ChitLaqAppFactory(database.ConnectionString);
        using var http = second.CreateClient();
        var login = (await (await http.LoginAsync(readerEmail)).Content.ReadFromJsonAsync<Api.Auth.AuthResponse>())!;
        using var again = new Student(login, second.WithToken(login.AccessToken));
        Assert.Equal(before, await again.HomeIdsAsync());
    }
}
