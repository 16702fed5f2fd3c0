using System.Net;
using System.Text.RegularExpressions;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.WebClient;

/// <summary>Every node serves the built web client: hashed assets immutable, pages revalidated with a strict CSP.</summary>
public sealed partial class StaticClientServingTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/chat/some-conversation")]
    [InlineData("/verify-email?token=abc")]
    [InlineData("/u/someone")]
    public async Task ClientPathsGetTheAppWithNoCacheAndAStrictPolicy(string path)
    {
        var page = await fixture.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.True(page.Headers.CacheControl!.NoCache);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("<div id=\"status\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HashedAssetsAreImmutableAndMissingOnesAre404()
    {
        var html = await fixture.Http.GetStringAsync("/");
        var script = ScriptPath().Match(html).Groups[1].Value;
        Assert.Matches("^/assets/index-[A-Za-z0-9_-]+\\.js$", script);

        var asset = await fixture.Http.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync("/assets/index-missing.js")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/no/such/route")]
    [InlineData("/hubs/nothing")]
    [InlineData("/media/not-a-key")]
    public async Task ServerPathsNeverFallBackToTheApp(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}
