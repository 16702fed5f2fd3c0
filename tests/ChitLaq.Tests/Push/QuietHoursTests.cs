using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>
/// Pushes that wait: quiet hours hold them back until they end, in the student's time zone; a push
/// a crashed node had claimed comes due again after the lease and is sent by the node that is
/// alive. Own host: the tests move its clock.
/// </summary>
public sealed class QuietHoursTests(QuietHoursTests.Fixture fixture) : IClassFixture<QuietHoursTests.Fixture>
{
    public sealed class Fixture : PushFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => base.Configure(app).WithClock(Clock);
    }

    [Fact]
    public async Task APushDuringQuietHoursIsHeldUntilTheyEndAndThenSent()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (device, id) = await bob.SubscribeAsync();
        // Quiet from an hour ago to two hours from now, on Istanbul's clock (UTC+3, no daylight saving).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
        var local = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), zone);
        var start = TimeOnly.FromDateTime(local.DateTime.AddHours(-1));
        var end = TimeOnly.FromDateTime(local.DateTime.AddHours(2));
        var set = await bob.Http.PutAsJsonAsync("/api/v1/push/preferences",
            new { quietHours = new { start = start.ToString("HH:mm"), end = end.ToString("HH:mm"), timeZone = "Europe/Istanbul" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var chat = await alice.StartAsync(null, bob);

        await alice.SayAsync(chat.Id, "late night question");

        var dueAt = await Eventually.Satisfies(
            () => fixture.Database.ScalarAsync<DateTime?>("SELECT min(due_at) FROM push_outbox WHERE subscription_id = @id", ("id", id)),
            due => due is not null, "the push is queued");
        var wait = new DateTimeOffset(dueAt!.Value, TimeSpan.Zero) - fixture.Clock.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromMinutes(110), TimeSpan.FromMinutes(121));
        Assert.Empty(await device.PushesAsync());

        fixture.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        var pushes = await Eventually.Satisfies(device.PushesAsync, p => p.Count == 1, "the push goes out when quiet hours end", TimeSpan.FromSeconds(20));
        Assert.Equal("late night question", pushes[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task APushClaimedByANodeThatDiedIsSentByAnotherOnceTheLeaseRunsOut()
    {
        var bob = await Student.CreateAsync(fixture.App);
        var (device, id) = await bob.SubscribeAsync();
        // What a node leaves behind when it dies right after claiming: the row, due again only when its lease ends.
        var leaseEnds = fixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        await fixture.Database.ScalarAsync<object>("""
            INSERT INTO push_outbox (subscription_id, payload, topic, urgency, ttl_seconds, due_at, attempts, created_at)
            VALUES (@id, '{"type":"message","title":"Ada","body":"claimed, then the node died","url":"/chat/x","tag":"conversation:x"}',
                    'lease-test', 'high', 86400, @due, 1, @now)
            """, ("id", id), ("due", leaseEnds.UtcDateTime), ("now", fixture.Clock.GetUtcNow().UtcDateTime));
        await Task.Delay(TimeSpan.FromSeconds(2)); // several polls of the living node's sender
        Assert.Empty(await device.PushesAsync());

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var pushes = await Eventually.Satisfies(device.PushesAsync, p => p.Count == 1, "the push is sent after the lease", TimeSpan.FromSeconds(20));
        Assert.Equal("claimed, then the node died", pushes[0].GetProperty("body").GetString());
        // The sender deletes the row right after the push service's 201, which the device may see first.
        await Eventually.Satisfies(() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM push_outbox WHERE subscription_id = @id", ("id", id)),
            count => count == 0, "the sent push leaves the outbox", TimeSpan.FromSeconds(10));
    }
}
