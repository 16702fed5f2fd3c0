using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Chat;

public sealed class ConversationTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task StartingADirectConversationAgainReturnsTheSameOne()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);

        var first = await ada.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.Handle } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<ConversationDto>())!;
        Assert.Equal("direct", created.Kind);
        Assert.Equal(2, created.Members.Count);

        var again = await bo.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { ada.Handle } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created.Id, (await again.Content.ReadFromJsonAsync<ConversationDto>())!.Id);
    }

    [Fact]
    public async Task OnlyMembersSeeAConversationOthersGetNotFound()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var eve = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await ada.SayAsync(chat.Id, "private");

        await (await eve.Http.GetAsync($"/api/v1/conversations/{chat.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await eve.Http.GetAsync($"/api/v1/conversations/{chat.Id}/messages")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await eve.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "hi", clientMessageId = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GroupsHaveAdminsWhoRenameAddAndRemoveAndMembersCanLeave()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        using var dee = await Student.CreateAsync(fixture.App);
        var group = await ada.StartAsync("Study group", bo, cy);
        Assert.Equal("group", group.Kind);
        Assert.Equal([ada.Id], group.Admins);

        await (await bo.Http.PatchAsJsonAsync($"/api/v1/conversations/{group.Id}", new { title = "Mine now" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var renamed = (await (await ada.Http.PatchAsJsonAsync($"/api/v1/conversations/{group.Id}", new { title = "Finals prep" })).Content.ReadFromJsonAsync<ConversationDto>())!;
        Assert.Equal("Finals prep", renamed.Title);

        var grown = (await (await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{group.Id}/members", new { handles = new[] { dee.Handle } })).Content.ReadFromJsonAsync<ConversationDto>())!;
        Assert.Equal(4, grown.Members.Count);

        await (await bo.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{cy.Handle}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await bo.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{bo.Handle}")).StatusCode);
        await (await bo.Http.GetAsync($"/api/v1/conversations/{group.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // When the last admin leaves, the longest-standing member takes over.
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/conversations/{group.Id}/members/{ada.Handle}")).StatusCode);
        var afterAdminLeft = (await cy.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{group.Id}"))!;
        Assert.Single(afterAdminLeft.Admins);
    }

    [Fact]
    public async Task ConversationsListMostRecentlyActiveFirstWithUnreadCounts()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var withBo = await ada.StartAsync(null, bo);
        var withCy = await ada.StartAsync(null, cy);
        await cy.SayAsync(withCy.Id, "first");
        await bo.SayAsync(withBo.Id, "one");
        var last = await bo.SayAsync(withBo.Id, "two");

        var list = (await ada.Http.GetFromJsonAsync<ItemsResponse<ConversationDto>>("/api/v1/conversations"))!;
        Assert.Equal([withBo.Id, withCy.Id], list.Items.Select(c => c.Id));
        Assert.Equal(2, list.Items[0].UnreadCount);
        Assert.Equal("two", list.Items[0].LastMessage!.Text);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsJsonAsync($"/api/v1/conversations/{withBo.Id}/read", new { seq = last.Seq })).StatusCode);
        var read = (await ada.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{withBo.Id}"))!;
        Assert.Equal(0, read.UnreadCount);
        Assert.Equal(last.Seq, read.LastReadSeq);
        Assert.Equal(0, (await bo.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{withBo.Id}"))!.UnreadCount);
    }

    [Fact]
    public async Task AConversationShowsHowFarEachMemberHasReceivedAndRead()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var chat = await ada.StartAsync(null, bo);
        await ada.SayAsync(chat.Id, "one");
        var two = await ada.SayAsync(chat.Id, "two");
        Assert.Equal(HttpStatusCode.NoContent, (await bo.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/read", new { seq = 1 })).StatusCode);

        var seen = (await ada.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{chat.Id}"))!;
        var bos = seen.Receipts.Single(r => r.UserId == bo.Id);
        Assert.Equal(1, bos.ReadSeq);
        Assert.Equal(1, bos.DeliveredSeq);
        Assert.Equal(two.Seq, seen.Receipts.Single(r => r.UserId == ada.Id).ReadSeq); // a sender has read what they sent
    }

    [Fact]
    public async Task YouCannotStartAConversationWithSomeoneWhoBlockedYou()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        await bo.Http.PostAsync($"/api/v1/users/{ada.Handle}/block", null);
        await (await ada.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.Handle } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await ada.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { "no_such_person_here" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
