using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Filters;

/// <summary>Personal keyword filters: kept per user, and applied in each context they name (and nowhere else).</summary>
public sealed class KeywordFilterTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task AFilterIsKeptListedAndRemovedByItsOwnerOnly()
    {
        using var me = await Student.CreateAsync(fixture.App);
        using var someoneElse = await Student.CreateAsync(fixture.App);
        var filter = await me.FilterAsync("spoilers", "warn", ["home", "search"], wholeWord: false);
        Assert.Equal("spoilers", filter.Phrase);
        Assert.Equal(["home", "search"], filter.Contexts);
        Assert.Equal("warn", filter.Action);
        Assert.False(filter.WholeWord);
        Assert.Null(filter.ExpiresAt);

        var defaults = await me.FilterAsync("exam results", action: "hide", contexts: null);
        Assert.Equal(["home", "explore", "notifications", "search", "threads"], defaults.Contexts);
        Assert.True(defaults.WholeWord);

        Assert.Equal([defaults.Id, filter.Id], (await me.FiltersAsync()).Select(f => f.Id));
        Assert.Empty(await someoneElse.FiltersAsync());
        await (await someoneElse.Http.DeleteAsync($"/api/v1/filters/{filter.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await me.Http.DeleteAsync($"/api/v1/filters/{filter.Id}")).StatusCode);
        Assert.Equal([defaults.Id], (await me.FiltersAsync()).Select(f => f.Id));
        await (await me.Http.DeleteAsync($"/api/v1/filters/{filter.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task FiltersNeedASignedInAccount()
    {
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/filters")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/filters", new { phrase = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/filters/abc")).StatusCode);
    }

    [Fact]
    public async Task BadFiltersAreRefusedFieldByField()
    {
        using var me = await Student.CreateAsync(fixture.App);
        async Task Refused(object body, string field)
        {
            var problem = await (await me.Http.PostAsJsonAsync("/api/v1/filters", body)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        await Refused(new { phrase = "" }, "phrase");
        await Refused(new { phrase = new string('a', 101) }, "phrase");
        await Refused(new { phrase = "!!!", wholeWord = true }, "phrase");
        await Refused(new { phrase = "ok", contexts = new[] { "profile" } }, "contexts");
        await Refused(new { phrase = "ok", contexts = Array.Empty<string>() }, "contexts");
        await Refused(new { phrase = "ok", action = "delete" }, "action");
        await Refused(new { phrase = "ok", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "expiresAt");
        await (await me.Http.PostAsync("/api/v1/filters", new StringContent("{\"phrase\":", System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        Assert.Empty(await me.FiltersAsync());
    }

    [Fact]
    public async Task AStudentKeepsAtMostAHundredFilters()
    {
        using var me = await Student.CreateAsync(fixture.App);
        for (var i = 0; i < 100; i++) await me.FilterAsync($"word{i}");
        await (await me.Http.PostAsJsonAsync("/api/v1/filters", new { phrase = "one more" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_filters");
        Assert.Equal(100, (await me.FiltersAsync()).Count);
    }

    [Fact]
    public async Task AHideFilterLeavesMatchingPostsAndRepostsOutOfHomeIgnoringCaseAndAccents()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        using var reposter = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        await reader.FollowAsync(reposter);
        var word = Filtering.UniqueWord("cafe");
        var matching = await author.PostAsync($"Meet at the {word.Replace("cafe", "CAFÉ")} tonight");
        var other = await author.PostAsync("Library is open late");
        Assert.Equal(HttpStatusCode.NoContent, (await reposter.Http.PostAsync($"/api/v1/posts/{matching.Id}/repost", null)).StatusCode);
        await Eventually.Satisfies(() => reader.HomeAsync(limit: 100), home => home.Items.Count(p => p.Id == matching.Id || p.RepostOfId == matching.Id) == 2,
            "the post and its repost reach home");

        await reader.FilterAsync(word, "hide", ["home"]);

        var home = await reader.HomeAsync(limit: 100);
        Assert.Contains(home.Items, p => p.Id == other.Id);
        Assert.DoesNotContain(home.Items, p => p.Id == matching.Id || p.RepostOfId == matching.Id);
        // Only the filter's own context: the post itself and the author's profile still show it.
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync($"/api/v1/posts/{matching.Id}")).StatusCode);
        Assert.Contains(matching.Id, await reader.Http.GetStringAsync($"/api/v1/users/{author.Handle}/posts"));
        // Nobody else's home changes.
        Assert.Contains(matching.Id, await author.HomeIdsAsync());
    }

    [Fact]
    public async Task AWarnFilterMarksMatchingPostsInSearchWithTheFilterAndPhrase()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        var word = Filtering.UniqueWord("spoiler");
        var matching = await author.PostAsync($"The finale {word} ending explained");
        await reader.Http.PostIdsBecome(word, matching.Id);

        var filter = await reader.FilterAsync($"{word} ending", "warn", ["search"]);

        var found = (await reader.Http.SearchPostsAsync(word)).Items.Single();
        Assert.Equal(matching.Id, found.Id);
        var match = Assert.Single(found.Filtered);
        Assert.Equal(filter.Id, match.FilterId);
        Assert.Equal($"{word} ending", match.Phrase);
        Assert.Empty((await author.Http.SearchPostsAsync(word)).Items.Single().Filtered);
    }

    [Fact]
    public async Task AWholeWordFilterMatchesWholeWordsOnlyAndAnAnywhereFilterMatchesInsideWords()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        var word = Filtering.UniqueWord("exam");
        var whole = await author.PostAsync($"The {word} is tomorrow");
        var longer = await author.PostAsync($"All the {word}s are done");
        var hashtag = await author.PostAsync($"Good luck #{word}week");
        await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Contains(hashtag.Id), "the posts reach home");

        var wholeWord = await reader.FilterAsync(word, "hide", ["home"], wholeWord: true);
        var ids = await reader.HomeIdsAsync();
        Assert.DoesNotContain(whole.Id, ids);
        Assert.Contains(longer.Id, ids);
        Assert.Contains(hashtag.Id, ids);

        Assert.Equal(HttpStatusCode.NoContent, (await reader.Http.DeleteAsync($"/api/v1/filters/{wholeWord.Id}")).StatusCode);
        await reader.FilterAsync(word, "hide", ["home"], wholeWord: false);
        ids = await reader.HomeIdsAsync();
        Assert.DoesNotContain(whole.Id, ids);
        Assert.DoesNotContain(longer.Id, ids);
        Assert.DoesNotContain(hashtag.Id, ids);
    }

    [Fact]
    public async Task AThreadsFilterHidesMatchingReplies()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        var word = Filtering.UniqueWord("rude");
        var root = await author.PostAsync("What did everyone think of the lecture?");
        var kind = await reader.PostAsync("It was great", root.Id);
        var rude = await author.PostAsync($"It was {word} and boring", root.Id);
        await reader.FilterAsync(word, "hide", ["threads"]);

        var replies = (await reader.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/posts/{root.Id}/replies"))!.Items.Select(p => p.Id).ToList();
        Assert.Equal([kind.Id], replies);
        var authorsView = (await author.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/posts/{root.Id}/replies"))!.Items.Select(p => p.Id);
        Assert.Equal([kind.Id, rude.Id], authorsView);
    }

    [Fact]
    public async Task ANotificationsFilterDropsNotificationsAboutMatchingPostsAndWarnsAboutOthers()
    {
        using var me = await Student.CreateAsync(fixture.App);
        using var other = await Student.CreateAsync(fixture.App);
        var hidden = Filtering.UniqueWord("troll");
        var warned = Filtering.UniqueWord("gossip");
        await me.FilterAsync(hidden, "hide", ["notifications"]);
        var warning = await me.FilterAsync(warned, "warn", ["notifications"]);

        await other.PostAsync($"@{me.Handle} you are a {hidden}");
        var gossip = await other.PostAsync($"@{me.Handle} heard some {warned}?");
        var fine = await other.PostAsync($"@{me.Handle} see you at the library");

        var notifications = await Eventually.Satisfies(me.NotificationsAsync, n => n.Items.Count(i => i.Type == "mention") == 2, "two mentions are listed");
        var mentions = notifications.Items.Where(i => i.Type == "mention").ToList();
        Assert.Equal([fine.Id, gossip.Id], mentions.Select(m => m.Post!.Id));
        Assert.Equal(warning.Id, Assert.Single(mentions[1].Post!.Filtered).FilterId);
        Assert.Empty(mentions[0].Post!.Filtered);
    }

    [Fact]
    public async Task AnExploreFilterHidesPopularMatchingPosts()
    {
        using var viewer = await Student.CreateAsync(fixture.App);
        using var stranger = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        var word = Filtering.UniqueWord("crypto");
        var matching = await stranger.PostAsync($"Buy {word} now");
        var other = await stranger.PostAsync("Study group at six");
        foreach (var post in new[] { matching, other })
        {
            await fan.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null);
            await fan.Http.PostAsync($"/api/v1/posts/{post.Id}/repost", null);
        }
        await viewer.FilterAsync(word, "hide", ["explore"]);

        var explore = await Eventually.Satisfies(
            async () => (await viewer.Http.GetFromJsonAsync<ItemsResponse<PostDto>>("/api/v1/feed/explore?limit=100"))!,
            page => page.Items.Any(p => p.Id == other.Id), "the other popular post is explored");
        Assert.DoesNotContain(explore.Items, p => p.Id == matching.Id);
        var trending = await viewer.Http.GetStringAsync("/api/v1/feed/trending?scope=global");
        Assert.DoesNotContain(matching.Id, trending);
    }

    [Fact]
    public async Task AnExpiredFilterStopsApplyingAndIsNoLongerListed()
    {
        using var reader = await Student.CreateAsync(fixture.App);
        using var author = await Student.CreateAsync(fixture.App);
        await reader.FollowAsync(author);
        var word = Filtering.UniqueWord("finals");
        var post = await author.PostAsync($"{word} week starts");
        await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Contains(post.Id), "the post reaches home");

        var filter = await reader.FilterAsync(word, "hide", ["home"], expiresAt: DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.NotNull(filter.ExpiresAt);
        Assert.DoesNotContain(post.Id, await reader.HomeIdsAsync());

        await Eventually.Satisfies(reader.HomeIdsAsync, ids => ids.Contains(post.Id), "the post is back once the filter expired", TimeSpan.FromSeconds(10));
        Assert.Empty(await reader.FiltersAsync());
    }
}
