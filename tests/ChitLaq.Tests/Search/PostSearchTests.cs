using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Search;

public sealed class PostSearchTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    // Each test uses its own made-up words so tests sharing the index do not see each other's posts.
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task NewEditedAndDeletedPostsShowInSearchWithinTwoSeconds()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var (before, after) = (Word(), Word());
        var post = await ada.PostAsync($"study group at the library {before}");
        await ada.Http.PostIdsBecome(before, post.Id);

        var edited = await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = $"study group moved online {after}" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await ada.Http.PostIdsBecome(after, post.Id);
        await ada.Http.PostIdsBecome(before);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/posts/{post.Id}")).StatusCode);
        await ada.Http.PostIdsBecome(after);
    }

    [Fact]
    public async Task AccentsFoldSoCafeFindsCafeWithAnAccent()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var tag = "caf" + Guid.NewGuid().ToString("N")[..6] + "é";
        var word = Word();
        var post = await ada.PostAsync($"Meet me at the Café Zürich {word} #{tag}");

        await ada.Http.PostIdsBecome($"cafe zurich {word}", post.Id);
        await ada.Http.PostIdsBecome($"CAFÉ {word}", post.Id);
        await ada.Http.PostIdsBecome("#" + tag.TrimEnd('é') + "e", post.Id);
        Assert.Equal(tag, Assert.Single((await ada.Http.SearchHashtagsAsync(tag.TrimEnd('é') + "e")).Items).Tag);
    }

    [Fact]
    public async Task PhrasesHashtagsAndFromNarrowTheResults()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var word = Word();
        var tag = Word();
        var inOrder = await ada.PostAsync($"the exam was hard {word} #{tag}");
        var reversed = await ada.PostAsync($"hard was the exam {word}");
        var byBo = await bo.PostAsync($"the exam was hard {word} #{tag}");

        await ada.Http.PostIdsBecome(word, inOrder.Id, reversed.Id, byBo.Id);
        await ada.Http.PostIdsBecome($"\"exam was hard\" {word}", inOrder.Id, byBo.Id);
        await ada.Http.PostIdsBecome($"#{tag}", inOrder.Id, byBo.Id);
        await ada.Http.PostIdsBecome($"#{tag} from:{bo.Handle}", byBo.Id);
        await ada.Http.PostIdsBecome($"{word} from:@{ada.Handle.ToUpperInvariant()}", inOrder.Id, reversed.Id);
    }

    [Fact]
    public async Task AnythingTypedIsPlainWordsNeverAnError()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var word = Word();
        var post = await ada.PostAsync($"what does AND mean here {word}");
        await ada.Http.PostIdsBecome(word, post.Id);

        string[] junk = [$"\"unbalanced {word}", $"{word} AND", $"{word} \\", $"{word} +-&&||!(){{}}[]^\"~*?:/", $"{word}*", "((((", "\"\"", "#", "from:",
            "\\\\\\", new string('x', 5000), string.Join(' ', Enumerable.Repeat(word, 300)), "🙂🙂 ñ 東京"];
        foreach (var q in junk)
        {
            var response = await ada.Http.GetAsync($"/api/v1/search/posts?q={Uri.EscapeDataString(q)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{q[..Math.Min(q.Length, 40)]}' → {(int)response.StatusCode}");
        }
        Assert.Contains(post.Id, (await ada.Http.SearchPostsAsync($"\"unbalanced {word}")).Items.Select(p => p.Id).Concat((await ada.Http.SearchPostsAsync($"{word} AND")).Items.Select(p => p.Id)));
        Assert.Equal([post.Id], (await ada.Http.SearchPostsAsync($"{word} AND")).Items.Select(p => p.Id));

        foreach (var url in new[] { "/api/v1/search/posts", "/api/v1/search/posts?q=%20", "/api/v1/search/posts?q=a&limit=0", "/api/v1/search/posts?q=a&cursor=not-ours" })
            await (await ada.Http.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task BlockedAndMutedAuthorsNeverAppear()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var blocked = await Student.CreateAsync(fixture.App);
        using var muted = await Student.CreateAsync(fixture.App);
        using var friend = await Student.CreateAsync(fixture.App);
        var word = Word();
        var fromBlocked = await blocked.PostAsync($"party tonight {word}");
        var fromMuted = await muted.PostAsync($"party tonight {word}");
        var fromFriend = await friend.PostAsync($"party tonight {word}");
        await ada.Http.PostIdsBecome(word, fromBlocked.Id, fromMuted.Id, fromFriend.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{blocked.Handle}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{muted.Handle}/mute", null)).StatusCode);
        await ada.Http.PostIdsBecome(word, fromFriend.Id);
        // The block works both ways; a mute only hides for the one who muted.
        await blocked.Http.PostIdsBecome(word, fromBlocked.Id, fromMuted.Id, fromFriend.Id);
        Assert.DoesNotContain(ada.Id, (await blocked.Http.SearchUsersAsync(ada.Handle)).Items.Select(u => u.Id));
        Assert.Empty((await ada.Http.SearchUsersAsync(muted.Handle)).Items);
    }

    [Fact]
    public async Task PagesFollowEachOtherWithoutRepeatsAndNewerPostsRankHigher()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var word = Word();
        var posts = new List<PostDto>();
        for (var i = 0; i < 7; i++) posts.Add(await ada.PostAsync($"lecture notes {word} part {i}"));
        await ada.Http.PostIdsBecome(word, posts.Select(p => p.Id).ToArray());

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ada.Http.SearchPostsAsync(word, cursor, limit: 3);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            if (cursor is not null) await ada.PostAsync($"lecture notes {word} late arrival"); // arrivals do not disturb later pages
        } while (cursor is not null);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Subset(seen.ToHashSet(), posts.Select(p => p.Id).ToHashSet());
        Assert.Equal(posts.Last().Id, seen.First()); // equal relevance: the newest first
    }
}
