using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Npgsql;

namespace ChitLaq.Tests.Chat;

/// <summary>Acknowledged means committed: while PostgreSQL is unreachable nothing is acknowledged, and seq stays gap-free.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task SendsFailUnacknowledgedWhileTheDatabaseIsGoneAndSeqHasNoGapAfter()
    {
        await using var database = await TestDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(direct.Host!, direct.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3, CommandTimeout = 5 };
        await using var app = new ChitLaqAppFactory(viaProxy.ConnectionString);
        using var ada = await Student.CreateAsync(app);
        using var bo = await Student.CreateAsync(app);
        var chat = await ada.StartAsync(null, bo);
        Assert.Equal(1, (await ada.SayAsync(chat.Id, "before")).Seq);

        proxy.Cut();
        var failed = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "lost?", clientMessageId = "during" });
        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");

        proxy.Restore();
        var after = await Eventually.Satisfies(
            async () => await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "after", clientMessageId = "after" }),
            r => r.StatusCode == HttpStatusCode.Created, "sending works again");
        Assert.Equal(2, (await after.Content.ReadFromJsonAsync<MessageDto>())!.Seq);
        var stored = await database.ScalarAsync<long[]>("SELECT array_agg(seq ORDER BY seq) FROM messages WHERE conversation_id = @id", ("id", chat.Id));
        Assert.Equal(new long[] { 1, 2 }, stored);
    }
}
