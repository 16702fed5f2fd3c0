using System.Globalization;
using System.Text.RegularExpressions;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Telemetry;

/// <summary>The business and realtime series at /metrics move when students do things.</summary>
public sealed partial class MetricsTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task PostsMessagesDeliveriesAndOnlineUsersAreCounted()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var before = await ScrapeAsync();

        await using var boPhone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);
        await ada.PostAsync("counted post");
        var chat = await ada.StartAsync(null, bo);
        await ada.SayAsync(chat.Id, "counted message");
        await boPhone.WaitFor("message");

        var after = await Eventually.Satisfies(ScrapeAsync,
            scrape => Value(scrape, "chitlaq_messages_sent_total") >= Value(before, "chitlaq_messages_sent_total") + 1
                      && Value(scrape, "chitlaq_realtime_deliveries_total", "event=\"message\"") >= 1,
            "the message was counted as sent and delivered");
        Assert.Equal(Value(before, "chitlaq_posts_created_total") + 1, Value(after, "chitlaq_posts_created_total"));
        Assert.True(Value(after, "chitlaq_accounts_registered_total") >= 2);
        Assert.True(Value(after, "chitlaq_users_online") >= 1);
        Assert.True(Value(after, "chitlaq_messages_commit_duration_seconds_count") >= 1);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/v1/posts/?\"", after);
    }

    private async Task<string> ScrapeAsync() => await (await fixture.Http.GetAsync("/metrics")).Content.ReadAsStringAsync();

    /// <summary>The sum of a series' values over its label sets (optionally only those containing a label).</summary>
    private static double Value(string scrape, string name, string? label = null) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
