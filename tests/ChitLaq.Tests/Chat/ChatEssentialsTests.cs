using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Chat;

/// <summary>API.md "Chat essentials": replies, reactions, pins and images in messages.</summary>
public sealed class ChatEssentialsTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task ARepliesQuoteTheOriginalAndAReplyToADeletedMessageShowsItDeleted()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var first = await ada.SayAsync(chat.Id, "Are you coming to the lab?");
        var reply = await bo.SendAsync(chat.Id, new { text = "Yes, at 3", clientMessageId = "r1", replyToSeq = first.Seq });
        Assert.Equal((first.Seq, "Are you coming to the lab?", ada.Id, false), (reply.ReplyTo!.Seq, reply.ReplyTo.Text, reply.ReplyTo.Sender.Id, reply.ReplyTo.Deleted));

        await ada.Http.DeleteAsync($"/api/v1/conversations/{chat.Id}/messages/{first.Id}");
        var history = await ada.HistoryAsync(chat.Id);
        var quoted = Assert.Single(history, m => m.Id == reply.Id).ReplyTo!;
        Assert.Equal((true, ""), (quoted.Deleted, quoted.Text));

        // A seq that is not a message of this conversation (another one's, or none) is refused.
        var other = await ada.StartAsync("other group", bo, await Student.CreateAsync(fixture.App));
        for (var i = 0; i < 5; i++) await ada.SayAsync(other.Id, $"filler {i}");
        var wrong = await bo.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "hm", clientMessageId = "r2", replyToSeq = 5 });
        var problem = await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("replyToSeq", out _));
        await (await bo.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "hm", clientMessageId = "r3", replyToSeq = 0 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task ReactionsAreIdempotentAndExactWhenTwentyMembersReactAtOnce()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var others = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Student.CreateAsync(fixture.App)));
        var group = await ada.StartAsync("reactions", others);
        var message = await ada.SayAsync(group.Id, "Exam moved to Friday!");
        string Reaction(string emoji) => $"/api/v1/conversations/{group.Id}/messages/{message.Id}/reactions/{Uri.EscapeDataString(emoji)}";

        // Everyone at once, each twice; half of them with a second emoji.
        var puts = others.SelectMany(o => new[] { o.Http.PutAsync(Reaction("👍"), null), o.Http.PutAsync(Reaction("👍"), null) })
            .Concat(others.Take(10).Select(o => o.Http.PutAsync(Reaction("❤️"), null)));
        Assert.All(await Task.WhenAll(puts), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var seen = Assert.Single(await others[0].HistoryAsync(group.Id), m => m.Id == message.Id).Reactions;
        // (Which emoji was used first is a race here: compare them in a fixed order.)
        Assert.Equal([("❤️", 10, true), ("👍", 20, true)], seen.Select(r => (r.Emoji, r.Count, r.ReactedByMe)).OrderBy(r => r.Emoji, StringComparer.Ordinal));
        Assert.Equal([false, false], (await ada.HistoryAsync(group.Id)).Single(m => m.Id == message.Id).Reactions.Select(r => r.ReactedByMe));

        var deletes = others.Take(5).SelectMany(o => new[] { o.Http.DeleteAsync(Reaction("👍")), o.Http.DeleteAsync(Reaction("👍")) });
        Assert.All(await Task.WhenAll(deletes), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var after = (await ada.HistoryAsync(group.Id)).Single(m => m.Id == message.Id).Reactions;
        Assert.Equal([("❤️", 10), ("👍", 15)], after.Select(r => (r.Emoji, r.Count)).OrderBy(r => r.Emoji, StringComparer.Ordinal));
        Assert.Equal(25, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM message_reactions WHERE conversation_id = @id", ("id", group.Id)));
    }

    [Fact]
    public async Task AReactionIsOneEmojiAndAMessageHasAtMostTwentyDifferentOnes()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var outsider = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var message = await ada.SayAsync(chat.Id, "react to me");
        Task<HttpResponseMessage> React(Student who, string emoji) =>
            who.Http.PutAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}/reactions/{Uri.EscapeDataString(emoji)}", null);

        foreach (var bad in new[] { "ab", "👍👍", "a", "1", ":)" })
            await (await React(bo, bad)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await React(outsider, "👍")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Single graphemes of several code points count as one each: a family, a flag, a skin tone, a keycap.
        string[] twenty = ["👨‍👩‍👧", "🇹🇷", "👍🏽", "1️⃣", "❤️", "😂", "🎉", "🔥", "👀", "🙏", "😮", "😢", "👏", "💯", "🤔", "😍", "✅", "📚", "☕", "🚀"];
        foreach (var emoji in twenty) Assert.Equal(HttpStatusCode.NoContent, (await React(bo, emoji)).StatusCode);
        await (await React(ada, "🍕")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.NoContent, (await React(ada, "🔥")).StatusCode); // one of the twenty: fine
        var reactions = (await ada.HistoryAsync(chat.Id)).Single(m => m.Id == message.Id).Reactions;
        Assert.Equal(twenty, reactions.Select(r => r.Emoji));
        Assert.Equal(2, reactions.Single(r => r.Emoji == "🔥").Count);
    }

    [Fact]
    public async Task MembersAreToldOfReactionsEachWithTheirOwnReactedByMe()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var message = await ada.SayAsync(chat.Id, "news");
        await using var adaPhone = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await using var boPhone = await Device.ConnectAsync(fixture.App, bo.Account.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await bo.Http.PutAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}/reactions/{Uri.EscapeDataString("🎉")}", null)).StatusCode);
        var toAda = await adaPhone.WaitFor("messageUpdated", m => m.GetProperty("id").GetString() == message.Id);
        var toBo = await boPhone.WaitFor("messageUpdated", m => m.GetProperty("id").GetString() == message.Id);
        Assert.Equal(1, toAda.GetProperty("reactions")[0].GetProperty("count").GetInt32());
        Assert.False(toAda.GetProperty("reactions")[0].GetProperty("reactedByMe").GetBoolean());
        Assert.True(toBo.GetProperty("reactions")[0].GetProperty("reactedByMe").GetBoolean());
    }

    [Fact]
    public async Task GroupAdminsPinAndEitherMemberOfADirectChatDoes()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var group = await ada.StartAsync("study", bo, cy);
        var message = await bo.SayAsync(group.Id, "Notes are in the shared folder");
        await (await bo.Http.PostAsync($"/api/v1/conversations/{group.Id}/pins/{message.Id}", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/conversations/{group.Id}/pins/{message.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/conversations/{group.Id}/pins/{message.Id}", null)).StatusCode);
        var pins = (await cy.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{group.Id}/pins"))!.Items;
        Assert.Equal([message.Id], pins.Select(p => p.Id));
        Assert.True(pins[0].Pinned);
        Assert.True((await cy.HistoryAsync(group.Id)).Single(m => m.Id == message.Id).Pinned);
        using var outsider = await Student.CreateAsync(fixture.App);
        await (await outsider.Http.GetAsync($"/api/v1/conversations/{group.Id}/pins")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/pins/{message.Id}")).StatusCode);
        Assert.Empty((await cy.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{group.Id}/pins"))!.Items);

        var direct = await ada.StartAsync(null, bo);
        var hello = await ada.SayAsync(direct.Id, "hello");
        Assert.Equal(HttpStatusCode.NoContent, (await bo.Http.PostAsync($"/api/v1/conversations/{direct.Id}/pins/{hello.Id}", null)).StatusCode);
        // A deleted message is unpinned.
        await ada.Http.DeleteAsync($"/api/v1/conversations/{direct.Id}/messages/{hello.Id}");
        Assert.Empty((await bo.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{direct.Id}/pins"))!.Items);
    }

    [Fact]
    public async Task ImagesInMessagesAreServedOnlyThroughMembersSignedLinks()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var outsider = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        var upload = await ada.Http.UploadOkAsync(TestImages.Jpeg(60, 40));
        var someoneElses = await bo.Http.UploadOkAsync(TestImages.Jpeg(30, 30));

        var sent = await ada.SendAsync(chat.Id, new { text = "", clientMessageId = "img1", mediaIds = new[] { upload.Id } });
        var image = Assert.Single(sent.Media);
        Assert.StartsWith("/media/chat/", image.Url);
        var seen = Assert.Single((await bo.HistoryAsync(chat.Id)).Single(m => m.Id == sent.Id).Media);
        using var anyone = fixture.App.CreateClient();
        var bytes = await anyone.GetAsync(seen.Url);
        Assert.Equal(HttpStatusCode.OK, bytes.StatusCode);
        Assert.Equal("image/jpeg", bytes.Content.Headers.ContentType!.MediaType);
        Assert.Contains("private", bytes.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync(seen.FeedUrl)).StatusCode);

        // Not a member: nothing to list, and no link to make or guess.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/v1/conversations/{chat.Id}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(upload.Url)).StatusCode); // the public hash URL no longer serves it
        var forged = seen.Url[..^4] + (seen.Url.EndsWith("0000") ? "1111" : "0000");
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync(seen.Url.Replace(upload.Id, someoneElses.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/media/chat/{upload.Id}/full")).StatusCode);

        // Someone else's upload, a used one, an unknown id, or more than four: refused, nothing sent.
        var stolen = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "x", clientMessageId = "img2", mediaIds = new[] { someoneElses.Id } });
        await stolen.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var reused = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "x", clientMessageId = "img3", mediaIds = new[] { upload.Id } });
        await reused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var five = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages",
            new { text = "x", clientMessageId = "img4", mediaIds = Enumerable.Range(0, 5).Select(i => $"nope{i}").ToArray() });
        await five.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var empty = await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = " ", clientMessageId = "img5" });
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Single(await bo.HistoryAsync(chat.Id));
    }
}

internal static class RichChats
{
    public static async Task<MessageDto> SendAsync(this Student who, string conversationId, object body)
    {
        var response = await who.Http.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MessageDto>())!;
    }

    public static async Task<IReadOnlyList<MessageDto>> HistoryAsync(this Student who, string conversationId) =>
        (await who.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{conversationId}/messages?limit=100"))!.Items;
}
