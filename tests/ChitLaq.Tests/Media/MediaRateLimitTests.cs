using System.Net;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Media;

public sealed class MediaRateLimitTests(MediaRateLimitTests.Fixture fixture) : IClassFixture<MediaRateLimitTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithSetting("RateLimits:Media:PermitLimit", "2").WithSetting("RateLimits:Media:WindowSeconds", "1800");
    }

    [Fact]
    public async Task UploadsAreLimitedPerUser()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        for (var i = 0; i < 2; i++) await ada.Http.UploadOkAsync(TestImages.Jpeg(40 + i, 40));

        var limited = await ada.Http.UploadAsync(TestImages.Jpeg(60, 40));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 1800);
        await bo.Http.UploadOkAsync(TestImages.Jpeg(60, 40));
    }
}
