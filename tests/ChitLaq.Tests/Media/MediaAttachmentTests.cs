using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Media;

/// <summary>Only the uploader attaches an image: to one post (at most four per post) or to their avatar.</summary>
public sealed class MediaAttachmentTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task APostCarriesItsImagesInOrderForEveryReader()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        await bo.FollowAsync(ada);
        var first = await ada.Http.UploadOkAsync(TestImages.Jpeg(800, 600));
        var second = await ada.Http.UploadOkAsync(TestImages.Png(300, 300), "b.png");

        var response = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "lab day", mediaIds = new[] { first.Id, second.Id } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var post = (await response.Content.ReadFromJsonAsync<PostDto>())!;
        Assert.Equal([first.Id, second.Id], post.Media.Select(m => m.Id));
        Assert.Equal(first.Url, post.Media[0].Url);

        var read = await bo.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{post.Id}");
        Assert.Equal([first, second], read!.Media);
        var home = await Eventually.Satisfies(() => bo.HomeAsync(), page => page.Items.Any(p => p.Id == post.Id), "the post reaches bo's feed");
        Assert.Equal(2, home.Items.Single(p => p.Id == post.Id).Media.Count);
    }

    [Fact]
    public async Task SomeoneElsesImageUnknownIdsAndImagesAlreadyUsedAreRefused()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var bos = await bo.Http.UploadOkAsync(TestImages.Jpeg(100, 100));
        var adas = await ada.Http.UploadOkAsync(TestImages.Jpeg(120, 100));

        await AssertRefused(ada, bos.Id);
        await AssertRefused(ada, "no-such-media-id");
        Assert.Equal(HttpStatusCode.Created, (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "mine", mediaIds = new[] { adas.Id } })).StatusCode);
        await AssertRefused(ada, adas.Id); // one image, one post

        // The refused post attached nothing: bo's image is still free for bo.
        Assert.Equal(HttpStatusCode.Created, (await bo.Http.PostAsJsonAsync("/api/v1/posts", new { text = "bo's", mediaIds = new[] { bos.Id } })).StatusCode);
    }

    [Fact]
    public async Task AtMostFourImagesAndNoneTwice()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await ada.Http.UploadOkAsync(TestImages.Jpeg(50 + i, 50))).Id);

        await AssertRefused(ada, [.. ids]);
        await AssertRefused(ada, ids[0], ids[0]);
        var four = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "four", mediaIds = ids.Take(4).ToArray() });
        Assert.Equal(4, (await four.Content.ReadFromJsonAsync<PostDto>())!.Media.Count);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public async Task ABlankMediaIdIsNoSuchImageNotAServerError(string blank)
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var avatar = await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { avatarMediaId = blank });
        var problem = await avatar.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("avatarMediaId", out _));

        var post = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "with a blank image", mediaIds = new[] { blank } });
        problem = await post.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("mediaIds", out _));
    }

    [Fact]
    public async Task TheAvatarIsAnUploadOfTheUsersOwnAndCanBeReplacedOrRemoved()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var bos = await bo.Http.UploadOkAsync(TestImages.Jpeg(500, 500));
        var refused = await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { avatarMediaId = bos.Id });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("avatarMediaId", out _));

        var first = await ada.Http.UploadOkAsync(TestImages.Jpeg(800, 800));
        var me = await (await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { avatarMediaId = first.Id })).Content.ReadFromJsonAsync<MeDto>();
        Assert.Equal(first.FeedUrl, me!.AvatarUrl);
        Assert.Equal(first.FeedUrl, (await bo.ProfileAsync(ada.Handle)).AvatarUrl);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(me.AvatarUrl)).StatusCode);

        var second = await ada.Http.UploadOkAsync(TestImages.Png(256, 256), "b.png");
        me = await (await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { avatarMediaId = second.Id })).Content.ReadFromJsonAsync<MeDto>();
        Assert.Equal(second.FeedUrl, me!.AvatarUrl);
        await AssertRefused(ada, first.Id); // the replaced avatar was released, not handed back

        me = await (await ada.Http.PatchAsJsonAsync("/api/v1/users/me", new { avatarMediaId = "" })).Content.ReadFromJsonAsync<MeDto>();
        Assert.Null(me!.AvatarUrl);
    }

    [Fact]
    public async Task APostsImagesAreStillThereAfterTheNodeRestarts()
    {
        await using var database = await TestDatabase.CreateAsync();
        string postId;
        MediaDto photo;
        string mediaPath;
        await using (var before = new ChitLaqAppFactory(database.ConnectionString))
        {
            using var ada = await Student.CreateAsync(before);
            photo = await ada.Http.UploadOkAsync(TestImages.Jpeg(300, 200));
            postId = (await (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "survives", mediaIds = new[] { photo.Id } }))
                .Content.ReadFromJsonAsync<PostDto>())!.Id;
            mediaPath = before.MediaPath;
        }

        await using var after = new ChitLaqAppFactory(database.ConnectionString).WithSetting("Media:Path", mediaPath);
        using var reader = await Student.CreateAsync(after);
        var post = await reader.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{postId}");
        Assert.Equal([photo], post!.Media);
    }

    private static async Task AssertRefused(Student who, params string[] mediaIds)
    {
        var response = await who.Http.PostAsJsonAsync("/api/v1/posts", new { text = "with images", mediaIds });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("mediaIds", out _));
    }
}
