using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Posts;

public sealed class PostTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task APostParsesHashtagsInAnyScriptAndMentionsOfRealUsers()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);

        var post = await ada.PostAsync($"  Exam week #Finals #Café #ÇalışmaGrubu with @{bo.Handle.ToUpperInvariant()} and @nobody_here_xyz  ");

        Assert.Equal($"Exam week #Finals #Café #ÇalışmaGrubu with @{bo.Handle.ToUpperInvariant()} and @nobody_here_xyz", post.Text);
        Assert.Equal(["finals", "café", "çalışmagrubu"], post.Hashtags);
        Assert.Equal([bo.Handle], post.Mentions);
        Assert.Equal(ada.Id, post.Author.Id);
        Assert.Equal(1, (await ada.ProfileAsync(ada.Handle)).PostsCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyOrOverlongTextIsRefused(string text)
    {
        using var ada = await Student.CreateAsync(fixture.App);
        await (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = new string('a', 501) })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task PostIdsSortByCreationTime()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await ada.PostAsync($"post {i}")).Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task OnlyTheAuthorEditsAndTheAuthorOrAModeratorDeletes()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("first draft #draft");

        await (await bo.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "hijacked" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var edited = (await (await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "final #done" })).Content.ReadFromJsonAsync<PostDto>())!;
        Assert.Equal("final #done", edited.Text);
        Assert.Equal(["done"], edited.Hashtags);
        Assert.NotNull(edited.EditedAt);

        await (await bo.Http.DeleteAsync($"/api/v1/posts/{post.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/posts/{post.Id}")).StatusCode);
        await (await ada.Http.GetAsync($"/api/v1/posts/{post.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await ada.ProfileAsync(ada.Handle)).PostsCount);
    }

    [Fact]
    public async Task LikesAndRepostsAreIdempotentAndCountedExactly()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("like me");
        var fans = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Student.CreateAsync(fixture.App)));

        await Task.WhenAll(fans.SelectMany(f => new[]
        {
            f.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null), f.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null),
            f.Http.PostAsync($"/api/v1/posts/{post.Id}/repost", null), f.Http.PostAsync($"/api/v1/posts/{post.Id}/repost", null),
        }));
        var seen = (await fans[0].Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{post.Id}"))!;
        Assert.Equal(3, seen.LikeCount);
        Assert.Equal(3, seen.RepostCount);
        Assert.True(seen.LikedByMe);
        Assert.True(seen.RepostedByMe);

        await fans[0].Http.DeleteAsync($"/api/v1/posts/{post.Id}/like");
        await fans[0].Http.DeleteAsync($"/api/v1/posts/{post.Id}/like");
        await fans[0].Http.DeleteAsync($"/api/v1/posts/{post.Id}/repost");
        var after = (await fans[0].Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{post.Id}"))!;
        Assert.Equal(2, after.LikeCount);
        Assert.Equal(2, after.RepostCount);
        Assert.False(after.LikedByMe);
        foreach (var fan in fans) fan.Dispose();
    }

    [Fact]
    public async Task ARepostShowsOnTheReposterPageWithTheOriginalEmbedded()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var original = await ada.PostAsync("worth sharing");
        await bo.Http.PostAsync($"/api/v1/posts/{original.Id}/repost", null);

        var page = (await bo.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{bo.Handle}/posts"))!;
        var repost = Assert.Single(page.Items);
        Assert.Equal(original.Id, repost.RepostOfId);
        Assert.Equal("worth sharing", repost.RepostOf!.Text);
        Assert.Equal(ada.Handle, repost.RepostOf.Author.Handle);
    }

    [Fact]
    public async Task RepliesListOldestFirstAndAreCounted()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("question?");
        var first = await bo.PostAsync("answer one", post.Id);
        var second = await ada.PostAsync("answer two", post.Id);

        var replies = (await bo.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/posts/{post.Id}/replies"))!;
        Assert.Equal([first.Id, second.Id], replies.Items.Select(r => r.Id));
        Assert.Equal(2, (await bo.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{post.Id}"))!.ReplyCount);
        await (await bo.Http.PostAsJsonAsync("/api/v1/posts", new { text = "to nowhere", replyToId = "0123456789abcdef0123456789abcdef" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task AUsersPostsPageNewestFirstWithoutGapsOrRepeats()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var posted = new List<string>();
        for (var i = 0; i < 7; i++) posted.Add((await ada.PostAsync($"n{i}")).Id);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await ada.Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/users/{ada.Handle}/posts?limit=3" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            if (seen.Count == 3) await ada.PostAsync("arrives while paging");
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(posted), seen);
    }
}
