using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using static ChitLaq.Tests.Infrastructure.MetricsText;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Telemetry;

/// <summary>
/// The business and realtime series at /metrics move when students do things. On a node process
/// of its own: meters are process-wide by name, so in-memory hosts of other tests would share them.
/// Slow: a real node process.
/// </summary>
[Trait("Category", "Slow")]
public sealed class MetricsTests(NodeProcessFixture fixture) : IClassFixture<NodeProcessFixture>
{
    [Fact]
    public async Task PostsMessagesDeliveriesAndOnlineUsersAreCounted()
    {
        var node = fixture.Node;
        var ada = await node.RegisterVerifiedAsync();
        var bo = await node.RegisterVerifiedAsync();
        using var asAda = node.ClientFor(ada.AccessToken);
        var before = await ScrapeAsync();

        await using var boPhone = await Device.ConnectAsync(node.Http.BaseAddress!, bo.AccessToken);
        (await asAda.PostAsJsonAsync("/api/v1/posts", new { text = "counted post" })).EnsureSuccessStatusCode();
        var chat = await (await asAda.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } }))
            .Content.ReadFromJsonAsync<ConversationDto>();
        (await asAda.PostAsJsonAsync($"/api/v1/conversations/{chat!.Id}/messages", new { text = "counted message", clientMessageId = "c1" })).EnsureSuccessStatusCode();
        await boPhone.WaitFor("message");

        var after = await Eventually.Satisfies(ScrapeAsync,
            scrape => Value(scrape, "chitlaq_messages_sent_total") >= Value(before, "chitlaq_messages_sent_total") + 1
                      && Value(scrape, "chitlaq_realtime_deliveries_total", "event=\"message\"") >= 1,
            "the message was counted as sent and delivered");
        Assert.Equal(Value(before, "chitlaq_posts_created_total") + 1, Value(after, "chitlaq_posts_created_total"));
        Assert.Equal(2, Value(after, "chitlaq_accounts_registered_total"));
        Assert.Equal(1, Value(after, "chitlaq_users_online"));
        Assert.True(Value(after, "chitlaq_messages_commit_duration_seconds_count") >= 1);
        Assert.True(Value(after, "signalr_server_active_connections") >= 1);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/v1/posts/?\"", after);

        await boPhone.Connection.StopAsync();
        await Eventually.Satisfies(ScrapeAsync, scrape => Value(scrape, "chitlaq_users_online") == 0, "bo is no longer online");
    }

    private Task<string> ScrapeAsync() => fixture.Node.Http.GetStringAsync("/metrics");
}
