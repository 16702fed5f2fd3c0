using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Chat;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Search;

/// <summary>API.md "Chat essentials": GET /search/messages — the caller's own conversations only, fresh within 2 s.</summary>
public sealed class MessageSearchTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task OnlyTheCallersOwnConversationsAreSearchedAndChangesShowWithinTwoSeconds()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var word = "qz" + Guid.NewGuid().ToString("N")[..8];
        var group = await ada.StartAsync("physics", bo, cy);
        var fromBo = await bo.SayAsync(group.Id, $"the {word} homework is due monday");
        var fromCy = await cy.SayAsync(group.Id, $"I solved {word} problem three");
        var secret = await bo.StartAsync(null, cy);
        await bo.SayAsync(secret.Id, $"{word} answers, do not share");

        // Cy is in both conversations: once she finds all three, everything is in the index.
        await Eventually.Satisfies(() => Search(cy, word), ids => ids.Count == 3, "all three messages are searchable", Searching.Freshness * 3);
        Assert.Equal([fromBo.Id, fromCy.Id], (await Search(ada, word)).Order()); // never bo and cy's own chat
        Assert.Equal([fromBo.Id], await Search(ada, $"{word} from:{bo.Handle}"));
        Assert.Equal([fromCy.Id], await Search(ada, $"\"solved {word}\""));
        Assert.Equal([fromBo.Id, fromCy.Id], (await Search(cy, word, group.Id)).Order());
        Assert.Empty(await Search(ada, word, secret.Id)); // naming someone else's conversation finds nothing

        // An edit and a deletion are reflected as quickly.
        await cy.Http.PatchAsJsonAsync($"/api/v1/conversations/{group.Id}/messages/{fromCy.Id}", new { text = "I solved problem three" });
        await bo.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/messages/{fromBo.Id}");
        await Eventually.Satisfies(() => Search(ada, word), ids => ids.Count == 0, "the edit and the deletion reach the index", Searching.Freshness * 3);
        Assert.Equal([fromCy.Id], await Search(ada, "solved problem three"));

        // Leaving the group ends searching it.
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{ada.Handle}")).StatusCode);
        Assert.Empty(await Search(ada, "solved problem three"));
    }

    [Fact]
    public async Task AQueryIsNeverAnErrorAndAnEmptyOneIsRefused()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        foreach (var q in new[] { "\"unbalanced", "AND OR NOT", "from:", "(((", "*" })
            Assert.Equal(HttpStatusCode.OK, (await ada.Http.GetAsync($"/api/v1/search/messages?q={Uri.EscapeDataString(q)}")).StatusCode);
        await (await ada.Http.GetAsync("/api/v1/search/messages?q=")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync("/api/v1/search/messages?q=x")).StatusCode);
    }

    private static async Task<List<string>> Search(Student who, string q, string? conversationId = null) =>
        (await who.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/search/messages?q={Uri.EscapeDataString(q)}"
            + (conversationId is null ? "" : $"&conversationId={conversationId}")))!.Items.Select(m => m.Id).ToList();
}
