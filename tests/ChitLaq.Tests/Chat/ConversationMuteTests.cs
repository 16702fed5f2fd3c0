using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Chat;

/// <summary>API.md "Chat essentials": a member mutes a conversation for themselves; it stays delivered and out of the badge.</summary>
public sealed class ConversationMuteTests(ConversationMuteTests.Fixture fixture) : IClassFixture<ConversationMuteTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithClock(Clock);
    }

    [Fact]
    public async Task AMutedConversationLeavesTheUnreadBadgeUntilTheMuteEnds()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var noisy = await ada.StartAsync("Noisy group", bo, cy);
        var quiet = await cy.StartAsync(null, bo);
        await ada.SayAsync(noisy.Id, "one");
        await ada.SayAsync(noisy.Id, "two");
        await cy.SayAsync(quiet.Id, "hi bo");
        Assert.Equal(new UnreadDto(2, 3), await bo.UnreadAsync());

        var until = fixture.Clock.GetUtcNow().AddHours(1);
        Assert.Equal(HttpStatusCode.NoContent, (await bo.MuteAsync(noisy.Id, new { until })).StatusCode);

        Assert.Equal(new UnreadDto(1, 1), await bo.UnreadAsync());
        var muted = await bo.ConversationAsync(noisy.Id);
        Assert.Equal(until.ToUnixTimeSeconds(), muted.MutedUntil!.Value.ToUnixTimeSeconds());
        Assert.Equal(2, muted.UnreadCount); // the conversation still says what is unread in it
        Assert.Null((await cy.ConversationAsync(noisy.Id)).MutedUntil); // a mute is the member's own
        Assert.Equal(new UnreadDto(1, 2), await cy.UnreadAsync());

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        using var boLater = await bo.SignInAgainAsync(fixture.App); // the access token did not outlive the jump
        Assert.Equal(new UnreadDto(2, 3), await boLater.UnreadAsync());
        Assert.Null((await boLater.ConversationAsync(noisy.Id)).MutedUntil);
    }

    [Fact]
    public async Task MutingForeverLastsAndUnmutingWithNullCountsTheConversationAgain()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await ada.SayAsync(chat.Id, "still there?");

        Assert.Equal(HttpStatusCode.NoContent, (await bo.MuteAsync(chat.Id, new { forever = true })).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromDays(400));
        using var boLater = await bo.SignInAgainAsync(fixture.App);
        Assert.Equal(new UnreadDto(0, 0), await boLater.UnreadAsync());
        Assert.Equal(9999, (await boLater.ConversationAsync(chat.Id)).MutedUntil!.Value.Year);

        Assert.Equal(HttpStatusCode.NoContent, (await boLater.MuteAsync(chat.Id, new { until = (DateTimeOffset?)null })).StatusCode);
        Assert.Null((await boLater.ConversationAsync(chat.Id)).MutedUntil);
        Assert.Equal(new UnreadDto(1, 1), await boLater.UnreadAsync());

        await boLater.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/read", new { seq = 1 });
        Assert.Equal(new UnreadDto(0, 0), await boLater.UnreadAsync());
    }

    [Fact]
    public async Task AMutedMemberStillGetsEveryMessageLiveAndTheirDevicesHearOfTheMute()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await using var phone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);

        await bo.MuteAsync(chat.Id, new { forever = true });
        var change = await phone.WaitFor("conversation", c => c.GetProperty("change").GetString() == "updated");
        Assert.Equal(9999, change.GetProperty("conversation").GetProperty("mutedUntil").GetDateTimeOffset().Year);

        await ada.SayAsync(chat.Id, "muted but delivered");
        await phone.WaitFor("message", m => m.GetProperty("text").GetString() == "muted but delivered");
    }

    [Fact]
    public async Task AMuteMustEndInTheFutureAndOnlyMembersMayMute()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var eve = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);

        await (await bo.MuteAsync(chat.Id, new { until = fixture.Clock.GetUtcNow().AddMinutes(-1) })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await bo.MuteAsync(chat.Id, new { until = fixture.Clock.GetUtcNow().AddHours(1), forever = true })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var garbled = await bo.Http.PutAsync($"/api/v1/conversations/{chat.Id}/mute", new StringContent("""{"until":"tomorrow-ish"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        await (await eve.MuteAsync(chat.Id, new { forever = true })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Null((await bo.ConversationAsync(chat.Id)).MutedUntil);
    }

    [Fact]
    public async Task LeavingAndRejoiningAGroupStartsUnmuted()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var group = await ada.StartAsync("Club", bo, cy);
        await bo.MuteAsync(group.Id, new { forever = true });

        await bo.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{bo.Handle}");
        await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/members", new { handles = new[] { bo.Handle } });

        Assert.Null((await bo.ConversationAsync(group.Id)).MutedUntil);
    }
}

internal static class Muting
{
    public static Task<HttpResponseMessage> MuteAsync(this Student who, string conversationId, object body) =>
        who.Http.PutAsJsonAsync($"/api/v1/conversations/{conversationId}/mute", body);

    public static async Task<UnreadDto> UnreadAsync(this Student who) =>
        (await who.Http.GetFromJsonAsync<UnreadDto>("/api/v1/conversations/unread"))!;

    public static async Task<ConversationDto> ConversationAsync(this Student who, string conversationId) =>
        (await who.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{conversationId}"))!;
}
