using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Moderation;

public sealed class ModerationQueueTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    private static async Task<List<string>> QueueIds(Student moderator, string? status = null) =>
        (await moderator.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/reports?limit=100" + (status is null ? "" : "&status=" + status)))
        .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task ModeratorsSeeTheirUniversitysReportsAndAdminsSeeEveryone()
    {
        var here = await fixture.StudentAsync();
        var there = await fixture.StudentAsync(ModerationFixture.OtherUniversity);
        var reporter = await fixture.StudentAsync();
        var hereReport = await reporter.ReportAsync("user", here.Id, "spam");
        var thereReport = await reporter.ReportAsync("user", there.Id, "spam");

        var ours = await fixture.ModeratorAsync();
        var theirs = await fixture.ModeratorAsync(ModerationFixture.OtherUniversity);
        var admin = await fixture.AdminAsync();

        Assert.Contains(hereReport, await QueueIds(ours));
        Assert.DoesNotContain(thereReport, await QueueIds(ours));
        Assert.Contains(thereReport, await QueueIds(theirs));
        Assert.DoesNotContain(hereReport, await QueueIds(theirs));
        var all = await QueueIds(admin);
        Assert.Contains(hereReport, all);
        Assert.Contains(thereReport, all);

        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.Http.PostAsync($"/api/v1/moderation/reports/{hereReport}/assign", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await theirs.Http.GetAsync($"/api/v1/moderation/reports/{hereReport}")).StatusCode);
    }

    [Fact]
    public async Task AReportIsAssignedResolvedWithAnActionAndReopened()
    {
        var author = await fixture.StudentAsync();
        var reporter = await fixture.StudentAsync();
        var moderator = await fixture.ModeratorAsync();
        var reportId = await reporter.ReportAsync("user", author.Id, "impersonation", "pretends to be the dean");

        var assigned = await (await moderator.Http.PostAsync($"/api/v1/moderation/reports/{reportId}/assign", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("assigned", assigned.GetProperty("status").GetString());
        Assert.Equal(moderator.Id, assigned.GetProperty("assignee").GetProperty("id").GetString());

        var resolved = await moderator.ResolveAsync(reportId, "warning", "Do not impersonate staff");
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("warning", resolved.GetProperty("resolution").GetProperty("action").GetString());
        Assert.Contains(reportId, await QueueIds(moderator, "resolved"));
        Assert.DoesNotContain(reportId, await QueueIds(moderator));

        var twice = await moderator.Http.PostAsJsonAsync($"/api/v1/moderation/reports/{reportId}/resolve", new { action = "warning", reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var reopened = await (await moderator.Http.PostAsync($"/api/v1/moderation/reports/{reportId}/reopen", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Contains(reportId, await QueueIds(moderator, "open"));
    }

    [Fact]
    public async Task AReportShowsTheUsersEarlierDecisionsAndOtherOpenReports()
    {
        var author = await fixture.StudentAsync();
        var moderator = await fixture.ModeratorAsync();
        await moderator.ActOnAsync(author, "warning", "First warning");
        var first = await (await fixture.StudentAsync()).ReportAsync("user", author.Id, "spam");
        var second = await (await fixture.StudentAsync()).ReportAsync("user", author.Id, "hate");

        var found = await moderator.Http.GetFromJsonAsync<JsonElement>($"/api/v1/moderation/reports/{first}");
        Assert.Contains(found.GetProperty("earlierDecisions").EnumerateArray(), d => d.GetProperty("reason").GetString() == "First warning");
        Assert.Contains(found.GetProperty("otherOpenReports").EnumerateArray(), r => r.GetProperty("id").GetString() == second);
    }

    [Fact]
    public async Task EveryModeratorActionIsInTheAuditLog()
    {
        var author = await fixture.StudentAsync();
        var moderator = await fixture.ModeratorAsync();
        var reportId = await (await fixture.StudentAsync()).ReportAsync("user", author.Id, "spam");
        await moderator.Http.PostAsync($"/api/v1/moderation/reports/{reportId}/assign", null);
        await moderator.ResolveAsync(reportId, "limit", "Spamming the feed", durationHours: 24);

        var admin = await fixture.AdminAsync();
        var entries = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/audit?limit=100")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("moderator").GetProperty("id").GetString() == moderator.Id).ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "report_assigned" && e.GetProperty("target").GetString() == "report:" + reportId);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "limit" && e.GetProperty("target").GetString()!.Contains("user:" + author.Id)
                                      && e.GetProperty("reason").GetString() == "Spamming the feed");
        // A moderator of another university reads only theirs.
        var theirs = await fixture.ModeratorAsync(ModerationFixture.OtherUniversity);
        var theirEntries = (await theirs.Http.GetFromJsonAsync<JsonElement>("/api/v1/moderation/audit?limit=100")).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(theirEntries, e => e.GetProperty("target").GetString()!.Contains(author.Id));
    }
}
