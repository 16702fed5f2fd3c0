using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Moderation;

/// <summary>
/// Every trust-and-safety endpoint × anonymous / student / moderator of the same university /
/// moderator of another university / admin: who gets through, who gets 401/403/404, and that no
/// list leaks another university's reports or actions.
/// </summary>
public sealed class ModerationAuthorizationMatrixTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    /// <summary>A fresh case about a campus.edu student: an open report and a decision with a pending appeal (by another moderator).</summary>
    private async Task<(Student Target, string ReportId, string DecisionId)> NewCaseAsync()
    {
        var target = await fixture.StudentAsync();
        var reportId = await (await fixture.StudentAsync()).ReportAsync("user", target.Id, "spam");
        var decision = await (await fixture.ModeratorAsync()).ActOnAsync(target, "warning", "Matrix warning");
        var decisionId = decision.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await target.Http.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "Please review" })).StatusCode);
        return (target, reportId, decisionId);
    }

    private static List<(string Name, Func<HttpClient, Task<HttpResponseMessage>> Call)> Calls(Student target, string reportId, string decisionId) =>
    [
        ("list reports", http => http.GetAsync("/api/v1/moderation/reports")),
        ("read report", http => http.GetAsync($"/api/v1/moderation/reports/{reportId}")),
        ("assign", http => http.PostAsync($"/api/v1/moderation/reports/{reportId}/assign", null)),
        ("resolve", http => http.PostAsJsonAsync($"/api/v1/moderation/reports/{reportId}/resolve", new { action = "dismissed", reason = "Fine" })),
        ("reopen", http => http.PostAsync($"/api/v1/moderation/reports/{reportId}/reopen", null)),
        ("act on user", http => http.PostAsJsonAsync($"/api/v1/moderation/users/{target.Handle}/actions", new { action = "warning", reason = "Matrix" })),
        ("list appeals", http => http.GetAsync("/api/v1/moderation/appeals")),
        ("decide appeal", http => http.PostAsJsonAsync($"/api/v1/moderation/appeals/{decisionId}", new { outcome = "upheld", reason = "Stands" })),
        ("audit", http => http.GetAsync("/api/v1/moderation/audit?limit=100")),
    ];

    [Fact]
    public async Task AnonymousCallersGet401Everywhere()
    {
        var (target, reportId, decisionId) = await NewCaseAsync();
        using var anonymous = fixture.App.CreateClient();
        foreach (var (name, call) in Calls(target, reportId, decisionId))
            Assert.True((await call(anonymous)).StatusCode == HttpStatusCode.Unauthorized, name);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "user", id = target.Id }, category = "spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/decisions/mine")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task StudentsMayReportAndSeeTheirOwnDecisionsButNothingOfTheQueue()
    {
        var (target, reportId, decisionId) = await NewCaseAsync();
        var student = await fixture.StudentAsync();
        foreach (var (name, call) in Calls(target, reportId, decisionId))
        {
            var response = await call(student.Http);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode}");
            Assert.Equal("forbidden", await Moderating.CodeOf(response));
        }
        Assert.False(string.IsNullOrEmpty(await student.ReportAsync("user", target.Id)));
        Assert.Equal(HttpStatusCode.OK, (await student.Http.GetAsync("/api/v1/decisions/mine")).StatusCode);
        // Someone else's decision cannot be seen, let alone appealed.
        Assert.Equal(HttpStatusCode.NotFound, (await student.Http.PostAsJsonAsync($"/api/v1/decisions/{decisionId}/appeal", new { text = "x" })).StatusCode);
    }

    [Fact]
    public async Task AModeratorOfTheSameUniversityAndAnAdminMayDoEverything()
    {
        foreach (var actor in new[] { await fixture.ModeratorAsync(), await fixture.AdminAsync() })
        {
            var (target, reportId, decisionId) = await NewCaseAsync();
            foreach (var (name, call) in Calls(target, reportId, decisionId))
            {
                var response = await call(actor.Http);
                Assert.True(response.IsSuccessStatusCode, $"{actor.Handle} {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            var queue = await actor.Http.GetStringAsync("/api/v1/moderation/reports?limit=100");
            Assert.Contains(reportId, queue);
        }
    }

    [Fact]
    public async Task AModeratorOfAnotherUniversityIsRefusedAndSeesNothingOfIt()
    {
        var (target, reportId, decisionId) = await NewCaseAsync();
        var other = await fixture.ModeratorAsync(ModerationFixture.OtherUniversity);
        foreach (var (name, call) in Calls(target, reportId, decisionId))
        {
            var response = await call(other.Http);
            var body = await response.Content.ReadAsStringAsync();
            if (name is "list reports" or "list appeals" or "audit")
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain(reportId, body);
                Assert.DoesNotContain(decisionId, body);
                Assert.DoesNotContain(target.Id, body);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode} {body}");
                Assert.DoesNotContain(target.Account.User.Email, body);
            }
        }
    }
}
