using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Orleans.Runtime;

namespace ChitLaq.Tests.Chat;

public sealed class MessageTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task ConcurrentSendersGetGapFreeSeqsEachMessageOnce()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);

        var sends = Enumerable.Range(0, 15).SelectMany(i => new[] { ada.SayAsync(chat.Id, $"a{i}"), bo.SayAsync(chat.Id, $"b{i}") });
        var messages = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), messages.Select(m => m.Seq).Order());
        var history = (await ada.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages?after=0&limit=100"))!;
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), history.Items.Select(m => m.Seq));
        Assert.Equal(30, (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM messages WHERE conversation_id = @id", ("id", chat.Id)));
    }

    [Fact]
    public async Task RetryingWithTheSameClientMessageIdReturnsTheSameMessage()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);

        var first = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "once", clientMessageId = "c-1" });
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "once", clientMessageId = "c-1" })));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var original = (await first.Content.ReadFromJsonAsync<MessageDto>())!;
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(original.Id, (await retry.Content.ReadFromJsonAsync<MessageDto>())!.Id);
        }
        var next = await ada.SayAsync(chat.Id, "twice");
        Assert.Equal(original.Seq + 1, next.Seq);
    }

    [Fact]
    public async Task ARetryTheConversationNoLongerRemembersIsFoundInTheTableAndLeavesNoGap()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var original = await ada.SayAsync(chat.Id, "before the nap", "old-1");

        // The conversation grain goes to sleep and forgets which client ids it has seen.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The late retry and new messages share one commit: the retry is answered with the original, the rest numbered on.
        var sent = await Task.WhenAll(ada.SayAsync(chat.Id, "before the nap", "old-1"), bo.SayAsync(chat.Id, "new one"), ada.SayAsync(chat.Id, "new two"));
        Assert.Equal(original.Id, sent[0].Id);
        Assert.Equal(original.Seq, sent[0].Seq);
        Assert.Equal([2L, 3L], sent[1..].Select(m => m.Seq).Order());
        Assert.Equal(3, (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM messages WHERE conversation_id = @id", ("id", chat.Id)));
        Assert.Equal(4, (await ada.SayAsync(chat.Id, "and on")).Seq);
    }

    [Fact]
    public async Task HistoryPagesBackwardAndForwardBySeq()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        for (var i = 1; i <= 7; i++) await ada.SayAsync(chat.Id, $"m{i}");

        var latest = (await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages?limit=3"))!;
        Assert.Equal([5L, 6L, 7L], latest.Items.Select(m => m.Seq));
        var older = (await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages?limit=3&cursor={latest.NextCursor}"))!;
        Assert.Equal([2L, 3L, 4L], older.Items.Select(m => m.Seq));
        var forward = (await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages?after=4&limit=2"))!;
        Assert.Equal([5L, 6L], forward.Items.Select(m => m.Seq));
        var rest = (await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages?limit=2&cursor={forward.NextCursor}"))!;
        Assert.Equal([7L], rest.Items.Select(m => m.Seq));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task SendersEditAndDeleteOnlyTheirOwnMessages()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var message = await ada.SayAsync(chat.Id, "typo");

        await (await bo.Http.PatchAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}", new { text = "hacked" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var edited = (await (await ada.Http.PatchAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}", new { text = "fixed" })).Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.Equal("fixed", edited.Text);
        Assert.NotNull(edited.EditedAt);

        var deleted = (await (await ada.Http.DeleteAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}")).Content.ReadFromJsonAsync<MessageDto>())!;
        Assert.True(deleted.Deleted);
        Assert.Equal("", deleted.Text);
        var history = (await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{chat.Id}/messages"))!;
        Assert.True(Assert.Single(history.Items).Deleted);
    }

    [Fact]
    public async Task MessageTextMustBeOneTo4000Characters()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        foreach (var text in new[] { "", "   ", new string('x', 4001) })
            await (await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text, clientMessageId = Guid.NewGuid().ToString() }))
                .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(1, (await ada.SayAsync(chat.Id, new string('y', 4000))).Seq);
    }
}
