using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Chat;

public sealed class MessageRateLimitTests(MessageRateLimitTests.Fixture fixture) : IClassFixture<MessageRateLimitTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithSetting("RateLimits:Messages:Burst", "3").WithSetting("RateLimits:Messages:PerSecond", "1");
    }

    [Fact]
    public async Task SendingFasterThanTheLimitGets429WithRetryAfter()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            responses.Add(await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = $"spam {i}", clientMessageId = $"s{i}" }));

        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var limited = await responses[4].AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(responses[4].Headers.Contains("Retry-After"));
    }
}
