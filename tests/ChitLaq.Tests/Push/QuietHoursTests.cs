using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>Quiet hours hold pushes back until they end, in the student's time zone (own host: the test moves its clock).</summary>
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
}
