using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// A host with a configured admin, and the people of a moderation test: the admin, moderators of
/// campus.edu and of example.edu (appointed by the admin), and students.
/// </summary>
public class ModerationFixture : PostgresAppFixture
{
    public const string AdminEmail = "safety.office@campus.edu";
    public const string OtherUniversity = "example.edu";

    private Student? _admin;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithSetting("Auth:AdminEmails:0", AdminEmail);

    public async Task<Student> AdminAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_admin is not null) return _admin;
            using var http = App.CreateClient();
            await http.RegisterAsync("safety_office", AdminEmail);
            var token = await App.MailTokenAsync(AdminEmail, "Verify");
            (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).EnsureSuccessStatusCode();
            var login = (await (await http.LoginAsync(AdminEmail)).Content.ReadFromJsonAsync<AuthResponse>())!;
            return _admin = new Student(login, App.WithToken(login.AccessToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new student whom the admin appoints moderator; signed in again so the token carries the role.</summary>
    public async Task<Student> ModeratorAsync(string? domain = null)
    {
        var student = await Student.CreateAsync(App, domain: domain);
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.PutAsync($"/api/v1/admin/users/{student.Handle}/roles/moderator", null)).StatusCode);
        return await student.SignInAgainAsync(App);
    }

    public Task<Student> StudentAsync(string? domain = null) => Student.CreateAsync(App, domain: domain);
}

/// <summary>Reporting and moderating the way clients do.</summary>
public static class Moderating
{
    public static async Task<string> ReportAsync(this Student who, string kind, string id, string category = "harassment", string comment = "")
    {
        var response = await who.Http.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind, id }, category, comment });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> ResolveAsync(this Student moderator, string reportId, string action, string reason = "Breaks the rules", int? durationHours = null)
    {
        var response = await moderator.Http.PostAsJsonAsync($"/api/v1/moderation/reports/{reportId}/resolve", new { action, reason, durationHours });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ActOnAsync(this Student moderator, Student user, string action, string reason = "Breaks the rules", int? durationHours = null)
    {
        var response = await moderator.Http.PostAsJsonAsync($"/api/v1/moderation/users/{user.Handle}/actions", new { action, reason, durationHours });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
