using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Grains.Media;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Tests.Media;

/// <summary>Uploads never attached go after 24 hours; a deleted post's images go at the next clean-up; used files stay.</summary>
public sealed class MediaCleanupTests(MediaCleanupTests.Fixture fixture) : IClassFixture<MediaCleanupTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    [Fact]
    public async Task OrphansAfterADayAndImagesOfDeletedPostsAreRemovedWhileUsedOnesStay()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var orphan = await ada.Http.UploadOkAsync(TestImages.Jpeg(210, 100));
        var kept = await ada.Http.UploadOkAsync(TestImages.Jpeg(220, 100));
        var released = await ada.Http.UploadOkAsync(TestImages.Jpeg(230, 100));
        // The same bytes as the kept image, uploaded again and never used: its file is shared.
        var duplicate = await ada.Http.UploadOkAsync(TestImages.Jpeg(220, 100));
        Assert.Equal(kept.Url, duplicate.Url);

        await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "stays", mediaIds = new[] { kept.Id } });
        var doomed = await (await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "goes", mediaIds = new[] { released.Id } }))
            .Content.ReadFromJsonAsync<PostDto>();
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/posts/{doomed!.Id}")).StatusCode);

        var janitor = fixture.App.Services.GetRequiredService<MediaJanitor>();
        await janitor.SweepAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(released.Url)).StatusCode); // released: gone at once
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(orphan.Url)).StatusCode);       // a fresh upload waits for its post

        fixture.Clock.Advance(TimeSpan.FromHours(25));
        await janitor.SweepAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(orphan.Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(orphan.FeedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(kept.Url)).StatusCode);          // the duplicate's row went, the shared file stayed
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(kept.FeedUrl)).StatusCode);
        using var adaNextDay = await ada.SignInAgainAsync(fixture.App); // yesterday's access token has expired
        await (await adaNextDay.Http.PostAsJsonAsync("/api/v1/posts", new { text = "too late", mediaIds = new[] { orphan.Id } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
