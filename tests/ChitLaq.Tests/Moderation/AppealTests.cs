using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Moderation;

public sealed class AppealTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    [Fact]
    public async Task AnOverturnedRemovalBringsThePostBackAndOnlyAnotherModeratorMayDecideIt()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var post = await author.PostAsync("a joke some did not like");
        var first = await fixture.ModeratorAsync();
        var second = await fixture.ModeratorAsync();
        var resolved = await first.ResolveAsync(await reporter.ReportAsync("post", post.Id), "content_removed", "Offensive");
        var decisionId = resolved.GetProperty("resolution").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.Http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await reporter.Http.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await author.Http.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "It was satire" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await author.Http.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "again" })).StatusCode);

        var pending = await second.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/appeals");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetString() == decisionId);

        var self = await first.Http.PostAsJsonAsync($"/api/v1/moderation/appeals/{decisionId}", new { outcome = "upheld", reason = "I stand by it" });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        var overturned = await second.Http.PostAsJsonAsync($"/api/v1/moderation/appeals/{decisionId}", new { outcome = "overturned", reason = "Satire is allowed" });
        Assert.Equal(HttpStatusCode.OK, overturned.StatusCode);
        Assert.Equal("overturned", (await overturned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("appeal").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await reporter.Http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode);
        await Eventually.Satisfies(author.NotificationsAsync,
            n => n.Items.Count(i => i.Type == "moderation") >= 2, "the author hears of the decision and of the appeal");
    }

    [Fact]
    public async Task AnOverturnedSuspensionRestoresTheAccount()
    {
        var student = await fixture.StudentAsync();
        var decision = await (await fixture.ModeratorAsync()).ActOnAsync(student, "ban", "Spam ring");
        var id = decision.GetProperty("id").GetString()!;
        var session = await student.SignInAgainAsync(fixture.App);
        Assert.Equal(HttpStatusCode.Created, (await session.Http.PostAsJsonAsync($"/api/v1/decisions/{id}/appeal", new { text = "Hacked account" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.ModeratorAsync()).Http.PostAsJsonAsync($"/api/v1/moderation/appeals/{id}",
            new { outcome = "overturned", reason = "The account was compromised" })).StatusCode);
        await Eventually.Satisfies(async () => (await session.Http.GetAsync("/api/v1/feed/home")).StatusCode,
            status => status == HttpStatusCode.OK, "the session works again");
    }
}

/// <summary>On its own host: it moves the clock, which would expire other tests' tokens.</summary>
public sealed class AppealWindowTests(AppealWindowTests.Fixture fixture) : IClassFixture<AppealWindowTests.Fixture>
{
    public sealed class Fixture : ModerationFixture
    {
        public AdjustableTimeProvider Clock { get; } = new();

        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => base.Configure(app).WithClock(Clock);
    }

    [Fact]
    public async Task DecisionsCanBeAppealedForTwentyDays()
    {
        var student = await fixture.StudentAsync();
        var decision = await (await fixture.ModeratorAsync()).ActOnAsync(student, "warning", "Language");
        fixture.Clock.Advance(TimeSpan.FromDays(21));
        var session = await student.SignInAgainAsync(fixture.App);
        var late = await session.Http.PostAsJsonAsync($"/api/v1/decisions/{decision.GetProperty("id").GetString()}/appeal", new { text = "late" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}
