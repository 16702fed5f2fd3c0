using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>API.md: a muted conversation never pushes; the other members are pushed as usual.</summary>
public sealed class MutedConversationPushTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    [Fact]
    public async Task AMemberWhoMutedAGroupIsNotPushedWhileTheOthersAreAndIsPushedAgainAfterUnmuting()
    {
        var ada = await Student.CreateAsync(fixture.App);
        var bo = await Student.CreateAsync(fixture.App);
        var cy = await Student.CreateAsync(fixture.App);
        var (bosPhone, _) = await bo.SubscribeAsync();
        var (cysPhone, _) = await cy.SubscribeAsync();
        var group = await ada.StartAsync("Chess club", bo, cy);
        var mute = await bo.Http.PutAsJsonAsync($"/api/v1/conversations/{group.Id}/mute", new { forever = true });
        Assert.Equal(HttpStatusCode.NoContent, mute.StatusCode);

        await ada.SayAsync(group.Id, "while bo has it muted");
        await Eventually.Satisfies(cysPhone.PushesAsync, p => p.Count == 1, "cy, who did not mute, is pushed", TimeSpan.FromSeconds(20));

        var unmute = await bo.Http.PutAsJsonAsync($"/api/v1/conversations/{group.Id}/mute", new { until = (DateTimeOffset?)null });
        Assert.Equal(HttpStatusCode.NoContent, unmute.StatusCode);
        await ada.SayAsync(group.Id, "after bo unmuted");

        // One device's pushes are sent in order: had the first been queued, it would have arrived first.
        var pushes = await Eventually.Satisfies(bosPhone.PushesAsync, p => p.Count >= 1, "bo is pushed once unmuted", TimeSpan.FromSeconds(20));
        Assert.Equal(["after bo unmuted"], pushes.Select(p => p.GetProperty("body").GetString()));
    }
}
