using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Privacy;

/// <summary>API.md "Privacy and account control": private bookmarks, and the edit history of a post.</summary>
public sealed class BookmarkAndHistoryTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task BookmarksArePrivateIdempotentNewestFirstAndLoseWhatTheReaderMayNoLongerSee()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var first = await bo.PostAsync("bookmark me first");
        var second = await bo.PostAsync("bookmark me second");

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/posts/{first.Id}/bookmark", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/posts/{second.Id}/bookmark", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/posts/{first.Id}/bookmark", null)).StatusCode);
        Assert.Equal([second.Id, first.Id], (await ada.BookmarksAsync()).Select(p => p.Id));
        Assert.True((await ada.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{first.Id}"))!.BookmarkedByMe);
        Assert.False((await bo.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{first.Id}"))!.BookmarkedByMe);
        Assert.Empty(await bo.BookmarksAsync()); // nobody else sees them
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync("/api/v1/bookmarks")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/posts/{second.Id}/bookmark")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/posts/{second.Id}/bookmark")).StatusCode);
        Assert.Equal([first.Id], (await ada.BookmarksAsync()).Select(p => p.Id));

        // Bo locks his account: Ada does not follow him, so his post leaves her bookmarks; new ones are refused.
        await bo.LockAsync(true);
        await Eventually.Satisfies(ada.BookmarksAsync, items => items.Count == 0, "the locked post leaves the list");
        var third = await bo.PostAsync("locked now");
        await (await ada.Http.PostAsync($"/api/v1/posts/{third.Id}/bookmark", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await ada.Http.PostAsync("/api/v1/posts/not-a-post/bookmark", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task EditHistoryListsEveryTextNewestFirstWithWhenItWasWritten()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("first draft");
        Assert.Equal(["first draft"], (await HistoryAsync(bo, post.Id)).Select(v => v.Text));

        await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "second draft" });
        var edited = (await (await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "final text" })).Content.ReadFromJsonAsync<PostDto>())!;

        var history = await HistoryAsync(bo, post.Id);
        Assert.Equal(["final text", "second draft", "first draft"], history.Select(v => v.Text));
        Assert.Equal(edited.EditedAt!.Value.ToUnixTimeMilliseconds(), history[0].EditedAt.ToUnixTimeMilliseconds());
        Assert.Equal(post.CreatedAt.ToUnixTimeMilliseconds(), history[^1].EditedAt.ToUnixTimeMilliseconds());
        Assert.True(history[0].EditedAt > history[1].EditedAt && history[1].EditedAt > history[2].EditedAt);

        // Whoever may not see the post does not see its history either.
        var hidden = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "followers only", audience = "followers" });
        var hiddenId = (await hidden.Content.ReadFromJsonAsync<PostDto>())!.Id;
        await (await bo.Http.GetAsync($"/api/v1/posts/{hiddenId}/history")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    private static async Task<IReadOnlyList<BookmarksApi.PostVersionDto>> HistoryAsync(Student who, string postId) =>
        (await who.Http.GetFromJsonAsync<List<BookmarksApi.PostVersionDto>>($"/api/v1/posts/{postId}/history"))!;
}

internal static class Bookmarking
{
    public static async Task<IReadOnlyList<PostDto>> BookmarksAsync(this Student who) =>
        (await who.Http.GetFromJsonAsync<ItemsResponse<PostDto>>("/api/v1/bookmarks"))!.Items;
}
