using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Media;

/// <summary>POST /media: what is accepted, what is refused, and what is left of the original file.</summary>
public sealed class MediaUploadTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    public static TheoryData<string, string, string> Formats => new()
    {
        { "jpeg", "image/jpeg", "image/jpeg" },
        { "png", "image/png", "image/png" },
        { "webp", "image/webp", "image/webp" },
        { "gif", "image/gif", "image/png" }, // GIFs keep their first frame, as PNG
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EachFormatIsAcceptedReencodedAndServed(string format, string declared, string stored)
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var bytes = format switch
        {
            "jpeg" => TestImages.Jpeg(900, 600),
            "png" => TestImages.Png(900, 600),
            "webp" => TestImages.WebP(900, 600),
            _ => TestImages.Gif(900, 600),
        };

        var response = await ada.Http.UploadAsync(bytes, "upload." + format, declared);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = (await response.Content.ReadFromJsonAsync<MediaDto>())!;
        Assert.Equal(stored, media.ContentType);
        Assert.Equal((900, 600), (media.Width, media.Height));
        Assert.Equal((400, 267), (media.FeedWidth, media.FeedHeight));
        Assert.Equal(media.Url, response.Headers.Location!.ToString());

        var original = await fixture.Http.GetAsync(media.Url);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(stored, original.Content.Headers.ContentType!.MediaType);
        var served = await original.Content.ReadAsByteArrayAsync();
        Assert.Equal(media.Bytes, served.Length);
        Assert.Equal((900, 600), TestImages.SizeOf(served));
        Assert.Equal((400, 267), TestImages.SizeOf(await fixture.Http.GetByteArrayAsync(media.FeedUrl)));
    }

    [Theory]
    [InlineData("photo.png", "image/png", "<html><body><script>alert(1)</script></body></html>")]
    [InlineData("photo.jpg", "image/jpeg", "\u007fELF\u0002\u0001\u0001\u0000 an executable, not a photo")]
    [InlineData("notes.gif", "image/gif", "GIF is what I am called, but I am text")]
    public async Task BytesThatAreNotAnImageAre415WhateverTheirNameSays(string fileName, string declared, string content)
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var response = await ada.Http.UploadAsync(Encoding.UTF8.GetBytes(content), fileName, declared);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", "{\"not\":\"multipart\"}")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\ntruncated")]
    public async Task ABodyThatIsNotTheMultipartItClaimsIs400(string contentType, string body)
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await ada.Http.PostAsync("/api/v1/media", content);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
    }

    [Fact]
    public async Task AFileWithAnImageHeaderButBrokenDataIs422()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var jpeg = TestImages.Jpeg(300, 200);
        var response = await ada.Http.UploadAsync(jpeg[..(jpeg.Length / 3)]);
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_image");
    }

    [Fact]
    public async Task MoreThanTenMebibytesIs413()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var jpeg = TestImages.Jpeg(64, 64);
        var justOver = new byte[10 * 1024 * 1024 + 1];
        jpeg.CopyTo(justOver, 0);
        await (await ada.Http.UploadAsync(justOver)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await (await ada.Http.UploadAsync(new byte[25 * 1024 * 1024])).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task ADecompressionBombIsRefusedFromItsHeader()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var bomb = TestImages.PngBomb(12_000); // 144 megapixels in a small file
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");

        var response = await ada.Http.UploadAsync(bomb, "tiny.png", "image/png");
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "image_too_large");
        Assert.Equal(HttpStatusCode.Created, (await ada.Http.UploadAsync(TestImages.Png(50, 50), "fine.png", "image/png")).StatusCode);
    }

    [Fact]
    public async Task ExifAndGpsAreGoneAndThePhotoIsTurnedUpright()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        // Orientation 6: the camera stored a portrait photo sideways (60 wide, 40 high) and said "turn it right".
        var photo = TestImages.JpegWithExif(60, 40, "ChitLaq-Secret-Place", orientation: 6);
        Assert.Contains("ChitLaq-Secret-Place", Encoding.ASCII.GetString(photo));

        var media = await ada.Http.UploadOkAsync(photo);
        Assert.Equal((40, 60), (media.Width, media.Height));
        foreach (var url in new[] { media.Url, media.FeedUrl })
        {
            var stored = await fixture.Http.GetByteArrayAsync(url);
            var text = Encoding.ASCII.GetString(stored);
            Assert.DoesNotContain("Exif", text);
            Assert.DoesNotContain("ChitLaq-Secret-Place", text);
            Assert.Equal((40, 60), TestImages.SizeOf(stored));
        }
    }

    [Fact]
    public async Task FilesAreServedImmutableWithAStrongETagAndRevalidateWith304()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var media = await ada.Http.UploadOkAsync(TestImages.Jpeg(320, 240));

        var first = await fixture.Http.GetAsync(media.Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());

        var again = new HttpRequestMessage(HttpMethod.Get, media.Url);
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await fixture.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("/media/" + new string('a', 64) + ".jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("/media/..%2F..%2Fetc%2Fpasswd")).StatusCode);
    }

    [Fact]
    public async Task TheSameBytesAreStoredOnce()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var bytes = TestImages.Png(200, 100);
        var first = await ada.Http.UploadOkAsync(bytes, "a.png");
        var second = await bo.Http.UploadOkAsync(bytes, "b.png");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.Url, second.Url);
        Assert.Single(Directory.GetFiles(fixture.App.MediaPath, Path.GetFileName(first.Url), SearchOption.AllDirectories));
    }

    [Fact]
    public async Task UploadsNeedAVerifiedEmail()
    {
        var unverified = await fixture.Http.RegisterAsync();
        using var http = fixture.App.WithToken(unverified.AccessToken);
        await (await http.UploadAsync(TestImages.Jpeg(50, 50))).AssertProblemAsync(HttpStatusCode.Forbidden, "email_not_verified");
        using var anonymous = fixture.App.CreateClient();
        await (await anonymous.UploadAsync(TestImages.Jpeg(50, 50))).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AFormWithoutAFileFieldIsAValidationProblem()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var form = new MultipartFormDataContent { { new StringContent("hello"), "caption" } };
        var response = await ada.Http.PostAsync("/api/v1/media", form);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }
}
