using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Chat;

/// <summary>
/// A large message burst: most sends are debited from the user's budget in the background, yet
/// one node never lets more through than the burst plus what refilled meanwhile.
/// </summary>
public sealed class MessageBurstTests(MessageBurstTests.Fixture fixture) : IClassFixture<MessageBurstTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) =>
            app.WithSetting("RateLimits:Messages:Burst", "20").WithSetting("RateLimits:Messages:PerSecond", "1");
    }

    [Fact]
    public async Task ABurstOfThirtyFromOneNodeLetsTheBurstThroughAndNoMore()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            statuses.Add((await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages",
                new { text = $"burst {i}", clientMessageId = $"b{i}" })).StatusCode);
        var refilled = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        var sent = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.InRange(sent, 20, 20 + refilled);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
