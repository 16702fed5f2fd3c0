using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Moderation;

public sealed class ReportTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    [Fact]
    public async Task TheSameReporterReportingTheSameSubjectAgainGetsTheSameReport()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var post = await author.PostAsync("something nasty");

        var first = await reporter.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "post", id = post.Id }, category = "harassment", comment = "mean" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await reporter.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "post", id = post.Id }, category = "spam" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task OnlyMembersCanReportAConversationsMessages()
    {
        var alice = await fixture.StudentAsync();
        var bob = await fixture.StudentAsync();
        var outsider = await fixture.StudentAsync();
        var chat = await alice.StartAsync(null, bob);
        var message = await alice.SayAsync(chat.Id, "private words");

        var refused = await outsider.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "message", id = message.Id }, category = "harassment" });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var conversation = await outsider.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "conversation", id = chat.Id }, category = "spam" });
        Assert.Equal(HttpStatusCode.NotFound, conversation.StatusCode);
        Assert.False(string.IsNullOrEmpty(await bob.ReportAsync("message", message.Id)));
    }

    [Fact]
    public async Task BadReportsAreRefusedWithValidationErrors()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var post = await author.PostAsync("fine post");
        foreach (var body in new object[]
                 {
                     new { subject = new { kind = "post", id = post.Id }, category = "bad-category" },
                     new { subject = new { kind = "planet", id = post.Id }, category = "spam" },
                     new { category = "spam" },
                     new { subject = new { kind = "post", id = post.Id }, category = "spam", comment = new string('x', 1001) },
                 })
        {
            var response = await reporter.Http.PostAsJsonAsync("/api/v1/reports", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("validation_failed", await Moderating.CodeOf(response));
        }
        var self = await author.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "post", id = post.Id }, category = "spam" });
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        var missing = await reporter.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "user", id = "nobody" }, category = "spam" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheSnapshotKeepsWhatWasReportedAfterTheAuthorEditsAndDeletesIt()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var moderator = await fixture.ModeratorAsync();
        var post = await author.PostAsync("the original insult");
        var reportId = await reporter.ReportAsync("post", post.Id, comment: "see this");

        Assert.Equal(HttpStatusCode.OK, (await author.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "all nice now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await author.Http.DeleteAsync($"/api/v1/posts/{post.Id}")).StatusCode);

        var found = await moderator.Http.GetFromJsonAsync<JsonElement>($"/api/v1/moderation/reports/{reportId}");
        var report = found.GetProperty("report");
        Assert.Equal("the original insult", report.GetProperty("snapshot").GetProperty("text").GetString());
        Assert.Equal(reporter.Id, report.GetProperty("reporter").GetProperty("id").GetString());
        Assert.Equal(author.Id, report.GetProperty("reportedUser").GetProperty("id").GetString());
        Assert.Equal("open", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AStudentFilesAtMostTwentyReportsAnHour()
    {
        var reporter = await fixture.StudentAsync();
        var targets = new List<Student>();
        for (var i = 0; i < 21; i++) targets.Add(await fixture.StudentAsync());
        for (var i = 0; i < 20; i++) await reporter.ReportAsync("user", targets[i].Id, "spam");
        var over = await reporter.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "user", id = targets[20].Id }, category = "spam" });
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
        Assert.Equal("rate_limited", await Moderating.CodeOf(over));
    }

    [Fact]
    public async Task TheReportedUserNeverLearnsWhoReportedThem()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var moderator = await fixture.ModeratorAsync();
        var post = await author.PostAsync("rude words");
        var reportId = await reporter.ReportAsync("post", post.Id);
        await moderator.ResolveAsync(reportId, "warning", "Be kind");

        var decisions = await author.Http.GetStringAsync("/api/v1/decisions/mine");
        var notifications = await author.Http.GetStringAsync("/api/v1/notifications?limit=100");
        var mail = string.Join("\n", Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, author.Account.User.Email).Select(m => m.TextBody));
        foreach (var seen in new[] { decisions, notifications, mail })
        {
            Assert.DoesNotContain(reporter.Id, seen);
            Assert.DoesNotContain(reporter.Handle, seen);
        }
        Assert.Contains("Be kind", decisions);
    }
}
