using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Orleans.Runtime;

namespace ChitLaq.Tests.Push;

/// <summary>
/// A node that dies between committing a message and queueing its pushes: the sender never got
/// the answer and sends again; the retry finds the stored message, tells the members and queues the
/// pushes — once per device, however often the retry comes.
/// </summary>
public sealed class PushDurabilityTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    [Fact]
    public async Task AMessageCommittedByANodeThatDiedBeforeQueueingItsPushesIsPushedOnceWhenTheSenderRetries()
    {
        var ada = await Student.CreateAsync(fixture.App);
        var bo = await Student.CreateAsync(fixture.App);
        var cy = await Student.CreateAsync(fixture.App);
        var (bosPhone, _) = await bo.SubscribeAsync();
        var group = await ada.StartAsync("Lab partners", bo, cy);
        await using var cysPhone = await Device.ConnectAsync(fixture.App, cy.Account.AccessToken);

        // What the dead node left: the message committed (as its writer does), nobody told, nothing queued.
        var seq = await fixture.Database.ScalarAsync<long>("""
            WITH stored AS (
                INSERT INTO messages (conversation_id, seq, message_id, sender_id, client_message_id, text, sent_at)
                VALUES (@conversation, 1, @message, @sender, 'lost-ack-1', 'Meet at the lab at 3', now()) RETURNING seq),
            moved AS (UPDATE conversations SET last_seq = 1, updated_at = now() WHERE conversation_id = @conversation RETURNING 1)
            SELECT seq FROM stored, moved
            """, ("conversation", group.Id), ("message", Guid.CreateVersion7().ToString("N")), ("sender", ada.Id));
        Assert.Equal(1, seq);
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var retry = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages", new { text = "Meet at the lab at 3", clientMessageId = "lost-ack-1" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode); // the original, not a new message
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<MessageDto>())!.Seq);

        await cysPhone.WaitFor("message", m => m.GetProperty("text").GetString() == "Meet at the lab at 3");
        await Eventually.Satisfies(bosPhone.PushesAsync, p => p.Count == 1, "bo, offline, is pushed the message", TimeSpan.FromSeconds(20));

        // The same retry again, from a fresh activation that remembers nothing: nothing more is queued.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/messages",
            new { text = "Meet at the lab at 3", clientMessageId = "lost-ack-1" })).StatusCode);
        await ada.SayAsync(group.Id, "Bring the goggles");

        // One device's pushes go out in order: a second copy would have come before the next message.
        var pushes = await Eventually.Satisfies(bosPhone.PushesAsync, p => p.Count >= 2, "the next message is pushed", TimeSpan.FromSeconds(20));
        Assert.Equal(["Meet at the lab at 3", "Bring the goggles"], pushes.Select(p => p.GetProperty("body").GetString()));
        Assert.Equal(2, (int)await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM push_outbox o JOIN push_subscriptions s USING (subscription_id) WHERE s.user_id = @bo AND o.sent_at IS NOT NULL", ("bo", bo.Id)));
    }
}
