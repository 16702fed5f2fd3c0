using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Feeds;
using ChitLaq.Api.Notifications;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Privacy;

/// <summary>
/// API.md "Privacy and account control", the visibility matrix: posts of four kinds (public, campus,
/// followers-only, and public by a locked account) read by seven kinds of reader, on every surface a
/// post can appear on. Each cell is what the reader must see — nothing more (0 leaks), nothing less.
/// </summary>
public sealed class PostAudienceMatrixTests(PostgresAppFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresAppFixture>
{
    private enum Reader { Anonymous, SameUniversity, OtherUniversity, FollowerHere, FollowerAway, Requested, Blocked }

    private static readonly Dictionary<string, Reader[]> MaySee = new()
    {
        ["public"] = [Reader.Anonymous, Reader.SameUniversity, Reader.OtherUniversity, Reader.FollowerHere, Reader.FollowerAway, Reader.Requested],
        ["campus"] = [Reader.SameUniversity, Reader.FollowerHere, Reader.Requested],
        ["followers"] = [Reader.FollowerHere, Reader.FollowerAway],
        ["locked"] = [Reader.FollowerHere, Reader.FollowerAway],
    };

    [Fact]
    public async Task EveryReaderSeesExactlyThePostsTheirAudienceAllowsOnEverySurface()
    {
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var readers = new Dictionary<Reader, Student>();
        foreach (var reader in Enum.GetValues<Reader>().Where(r => r != Reader.Anonymous))
            readers[reader] = await Student.CreateAsync(fixture.App, domain: reader is Reader.OtherUniversity or Reader.FollowerAway ? "example.edu" : null);
        using var anonymous = fixture.App.CreateClient();

        var authors = new Dictionary<string, Student>();
        var posts = new Dictionary<string, PostDto>();
        var replies = new Dictionary<string, PostDto>();
        foreach (var kind in MaySee.Keys)
        {
            var author = authors[kind] = await Student.CreateAsync(fixture.App);
            await readers[Reader.FollowerHere].FollowAsync(author);
            await readers[Reader.FollowerAway].FollowAsync(author);
            Assert.Equal(HttpStatusCode.NoContent, (await author.Http.PostAsync($"/api/v1/users/{readers[Reader.Blocked].Handle}/block", null)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await authors["locked"].Http.PatchAsJsonAsync("/api/v1/users/me", new { locked = true })).StatusCode);
        var request = await readers[Reader.Requested].Http.PostAsync($"/api/v1/users/{authors["locked"].Handle}/follow", null);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);

        // Every post mentions every reader, carries the search word and a hashtag of its own.
        await readers[Reader.FollowerHere].HomeAsync(); // active readers get fan-out
        await readers[Reader.FollowerAway].HomeAsync();
        var mentions = string.Join(' ', readers.Values.Select(r => "@" + r.Handle));
        foreach (var (kind, author) in authors)
        {
            var audience = kind == "locked" ? "public" : kind;
            var created = await author.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"{word} #{word}{kind} {mentions}", audience });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            posts[kind] = (await created.Content.ReadFromJsonAsync<PostDto>())!;
            Assert.Equal(audience, posts[kind].Audience);
            var reply = await author.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"thread {word}", replyToId = posts[kind].Id, audience = "public" });
            replies[kind] = (await reply.Content.ReadFromJsonAsync<PostDto>())!;
            // A reply reaches no further than what it answers.
            Assert.Equal(kind == "locked" ? "followers" : audience, replies[kind].Audience);
        }
        // The follower here may see every post: once all four are in their results, every one is indexed.
        await Eventually.Satisfies(() => readers[Reader.FollowerHere].Http.SearchPostsAsync(word, limit: 50),
            page => posts.Values.All(p => page.Items.Any(i => i.Id == p.Id)), "the posts are searchable");

        var leaks = new List<string>();
        var misses = new List<string>();
        void Expect(bool visible, bool seen, string where)
        {
            if (seen && !visible) leaks.Add(where);
            if (!seen && visible) misses.Add(where);
        }

        foreach (var reader in Enum.GetValues<Reader>())
        {
            var http = reader == Reader.Anonymous ? anonymous : readers[reader].Http;
            var signedIn = reader != Reader.Anonymous;
            var search = signedIn ? (await http.SearchPostsAsync(word, limit: 50)).Items.Select(p => p.Id).ToHashSet() : [];
            var home = signedIn ? (await readers[reader].HomeAsync(limit: 100)).Items.Select(p => p.Id).ToHashSet() : [];
            var explore = signedIn ? (await http.GetFromJsonAsync<ItemsResponse<PostDto>>("/api/v1/feed/explore?limit=100"))!.Items.Select(p => p.Id).ToHashSet() : [];
            var trending = signedIn ? (await http.GetFromJsonAsync<FeedsApi.TrendingDto>("/api/v1/feed/trending?scope=global"))! : null;
            var mentioned = signedIn ? (await readers[reader].NotificationsAsync()).Items.Where(n => n.Type == "mention").Select(n => n.Post!.Id).ToHashSet() : [];

            foreach (var (kind, post) in posts)
            {
                var visible = MaySee[kind].Contains(reader);
                var cell = $"{kind} × {reader}";
                Expect(visible, (await http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode == HttpStatusCode.OK, $"{cell}: GET");
                var profile = await http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{authors[kind].Handle}/posts?limit=100");
                Expect(visible, profile!.Items.Any(p => p.Id == post.Id), $"{cell}: profile");
                var thread = await http.GetAsync($"/api/v1/posts/{post.Id}/replies");
                var threadItems = thread.IsSuccessStatusCode ? (await thread.Content.ReadFromJsonAsync<ItemsResponse<PostDto>>())!.Items : [];
                Expect(visible, threadItems.Any(p => p.Id == replies[kind].Id), $"{cell}: thread");
                if (!signedIn) continue;
                Expect(visible, search.Contains(post.Id), $"{cell}: search");
                Expect(visible, mentioned.Contains(post.Id), $"{cell}: notification");
                if (reader is Reader.FollowerHere or Reader.FollowerAway) Expect(visible, home.Contains(post.Id), $"{cell}: home");
                else if (home.Contains(post.Id)) leaks.Add($"{cell}: home");
                if (explore.Contains(post.Id) && !visible) leaks.Add($"{cell}: explore");
                if (trending!.Posts.Any(p => p.Id == post.Id) && !visible) leaks.Add($"{cell}: trending post");
                if (kind != "public" && trending.Hashtags.Any(h => h.Tag == $"{word}{kind}")) leaks.Add($"{cell}: trending hashtag");

                // Reposting: only public posts of unlocked accounts; what one cannot see is not there.
                var repost = await http.PostAsync($"/api/v1/posts/{post.Id}/repost", null);
                var expected = !visible ? (reader == Reader.Blocked ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound)
                    : kind == "public" ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden;
                if (repost.StatusCode != expected) leaks.Add($"{cell}: repost answered {(int)repost.StatusCode}, expected {(int)expected}");
                var like = await http.PostAsync($"/api/v1/posts/{post.Id}/like", null);
                if (!visible && like.IsSuccessStatusCode) leaks.Add($"{cell}: like accepted");
            }
        }
        var suggestions = await readers[Reader.OtherUniversity].Http.SearchHashtagsAsync(word);
        foreach (var kind in new[] { "campus", "followers" })
            if (suggestions.Items.Any(h => h.Tag == $"{word}{kind}")) leaks.Add($"{kind}: hashtag listed in search");

        output.WriteLine($"{MaySee.Count} kinds × {Enum.GetValues<Reader>().Length} readers checked: {leaks.Count} leaks, {misses.Count} misses");
        Assert.True(leaks.Count == 0, "Leaks:\n" + string.Join('\n', leaks));
        Assert.True(misses.Count == 0, "Misses:\n" + string.Join('\n', misses));
    }
}
