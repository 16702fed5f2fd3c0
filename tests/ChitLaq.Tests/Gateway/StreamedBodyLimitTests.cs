using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Gateway;

/// <summary>
/// A chunked body announces no length, so only the server can stop it once it passes the limit:
/// proved on a real node process (Kestrel), which the in-memory test server does not emulate.
/// </summary>
[Trait("Category", "Slow")]
public sealed class StreamedBodyLimitTests(StreamedBodyLimitTests.Fixture fixture) : IClassFixture<StreamedBodyLimitTests.Fixture>
{
    public sealed class Fixture : NodeProcessFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Gateway__MaxRequestBodyBytes"] = "65536" };
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimitIs413ProblemAndTheNodeKeepsServing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = Chunked(70_000) };
        request.Headers.TransferEncodingChunked = true;

        var rejected = await fixture.Node.Http.SendAsync(request);
        await rejected.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        var small = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = Chunked(10) };
        small.Headers.TransferEncodingChunked = true;
        await (await fixture.Node.Http.SendAsync(small)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    private static StreamContent Chunked(int emailLength)
    {
        var json = $$"""{"email":"{{new string('b', emailLength)}}@campus.edu","password":"wrong-password-1"}""";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
