using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Filters;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Moderation;

/// <summary>Server-wide keyword rules: admins configure them; they block writes or open reports.</summary>
public sealed class KeywordRuleTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    private static async Task<JsonElement> RuleAsync(Student admin, string phrase, string action, bool wholeWord = true)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase, action, wholeWord });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task ABlockRuleRefusesMatchingPostsEditsAndMessagesWith422UntilItIsRemoved()
    {
        var admin = await fixture.AdminAsync();
        var word = Filtering.UniqueWord("slur");
        var rule = await RuleAsync(admin, word, "block");
        var student = await fixture.StudentAsync();
        var friend = await fixture.StudentAsync();
        var chat = await student.StartAsync(null, friend);

        var post = await student.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"You are a {word.ToUpperInvariant()}" });
        var problem = await post.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content_blocked");
        Assert.DoesNotContain(word, problem.GetProperty("detail").GetString()!);
        var fine = await student.PostAsync("A fine post");
        await (await student.Http.PatchAsJsonAsync($"/api/v1/posts/{fine.Id}", new { text = $"now a {word}" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content_blocked");
        Assert.Equal("A fine post", (await student.Http.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{fine.Id}")).GetProperty("text").GetString());

        await (await student.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = $"{word}!", clientMessageId = "m1" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content_blocked");
        var message = await student.SayAsync(chat.Id, "hello");
        await (await student.Http.PatchAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages/{message.Id}", new { text = word }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content_blocked");
        await using (var phone = await Device.ConnectAsync(fixture.App, student.Account.AccessToken))
        {
            var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => phone.Connection.InvokeAsync<JsonElement>("SendMessage", chat.Id, "m2", $"a {word}"));
            Assert.Contains("content_blocked:", refused.Message);
        }
        var history = await friend.Http.GetStringAsync($"/api/v1/conversations/{chat.Id}/messages");
        Assert.DoesNotContain(word, history);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/moderation/rules/{rule.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await student.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"about the word {word}" })).StatusCode);
    }

    [Fact]
    public async Task AMessageAcknowledgedBeforeABlockRuleIsStillReturnedToItsRetry()
    {
        var admin = await fixture.AdminAsync();
        var word = Filtering.UniqueWord("late");
        var student = await fixture.StudentAsync();
        var chat = await student.StartAsync(null, await fixture.StudentAsync());
        var sent = await student.SayAsync(chat.Id, $"said {word} before the rule", "retry-1");
        await RuleAsync(admin, word, "block");

        var retry = await student.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = $"said {word} before the rule", clientMessageId = "retry-1" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(sent.Id, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AReportRuleLetsTheWriteThroughAndOpensOneReportForTheAuthorsUniversity()
    {
        var admin = await fixture.AdminAsync();
        var word = Filtering.UniqueWord("scam");
        var rule = await RuleAsync(admin, word, "report", wholeWord: false);
        var ruleId = rule.GetProperty("id").GetString()!;
        var student = await fixture.StudentAsync();
        var chat = await student.StartAsync(null, await fixture.StudentAsync());

        var post = await student.PostAsync($"Send me money for the {word}scheme");
        await student.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = $"Still the {word}scheme" });
        var message = await student.SayAsync(chat.Id, $"psst {word}");

        var moderator = await fixture.ModeratorAsync();
        var queue = await Eventually.Satisfies(
            async () => (await moderator.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/reports?limit=100")).GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("reportedUser").GetProperty("id").GetString() == student.Id).ToList(),
            reports => reports.Count == 2, "a report for the post and one for the message");
        var postReport = queue.Single(r => r.GetProperty("subject").GetProperty("kind").GetString() == "post");
        Assert.Equal(post.Id, postReport.GetProperty("subject").GetProperty("id").GetString());
        Assert.Contains(word, postReport.GetProperty("comment").GetString());
        Assert.Equal(JsonValueKind.Null, postReport.GetProperty("reporter").ValueKind);
        Assert.Equal(message.Id, queue.Single(r => r.GetProperty("subject").GetProperty("kind").GetString() == "message").GetProperty("subject").GetProperty("id").GetString());

        var elsewhere = await fixture.ModeratorAsync(ModerationFixture.OtherUniversity);
        var theirs = await elsewhere.Http.GetStringAsync("/api/v1/moderation/reports?limit=100");
        Assert.DoesNotContain(post.Id, theirs);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/moderation/rules/{ruleId}")).StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsChangeRulesModeratorsReadThemAndEveryChangeIsAudited()
    {
        var admin = await fixture.AdminAsync();
        var moderator = await fixture.ModeratorAsync();
        var student = await fixture.StudentAsync();
        using var anonymous = fixture.App.CreateClient();
        var word = Filtering.UniqueWord("rule");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/moderation/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = word, action = "block" })).StatusCode);
        await (await student.Http.GetAsync("/api/v1/moderation/rules")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await student.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = word, action = "block" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await moderator.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = word, action = "block" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var rule = await RuleAsync(admin, word, "report");
        var ruleId = rule.GetProperty("id").GetString()!;
        Assert.Equal(admin.Id, rule.GetProperty("createdBy").GetProperty("id").GetString());
        var listed = (await moderator.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/rules")).GetProperty("items").EnumerateArray();
        Assert.Contains(listed, r => r.GetProperty("id").GetString() == ruleId && r.GetProperty("phrase").GetString() == word);
        await (await moderator.Http.DeleteAsync($"/api/v1/moderation/rules/{ruleId}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        await (await admin.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = word.ToUpperInvariant(), action = "block" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await admin.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = word, action = "shadowban" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.Http.PostAsJsonAsync("/api/v1/moderation/rules", new { phrase = " ", action = "block" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/v1/moderation/rules/{ruleId}")).StatusCode);
        await (await admin.Http.DeleteAsync($"/api/v1/moderation/rules/{ruleId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var audit = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/audit?limit=100")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == "rule:" + ruleId).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["rule_removed", "rule_added"], audit);
    }
}
