using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Accounts;

public sealed class RolesTests(RolesTests.Fixture fixture) : IClassFixture<RolesTests.Fixture>
{
    public const string AdminEmail = "dean.office@campus.edu";

    public sealed class Fixture : PostgresAppFixture
    {
        protected override ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app.WithSetting("Auth:AdminEmails:0", AdminEmail);
    }

    private async Task<AuthResponse> Admin()
    {
        using var http = fixture.App.CreateClient();
        var existing = await http.LoginAsync(AdminEmail);
        if (existing.IsSuccessStatusCode) return (await existing.Content.ReadFromJsonAsync<AuthResponse>())!;

        var registered = await http.RegisterAsync("dean_office", AdminEmail);
        Assert.Equal(["student"], registered.User.Roles);
        var token = await fixture.App.MailTokenAsync(AdminEmail, "Verify");
        (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).EnsureSuccessStatusCode();
        return (await (await http.LoginAsync(AdminEmail)).Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    [Fact]
    public async Task AConfiguredAdminEmailBecomesAdminOnceVerified()
    {
        var admin = await Admin();
        Assert.Contains("admin", admin.User.Roles);
        Assert.Contains(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(admin.AccessToken).Claims, c => c.Type == "roles" && c.Value == "admin");
    }

    [Fact]
    public async Task AdminsGrantAndRevokeModeratorAndItIsAudited()
    {
        var admin = await Admin();
        var student = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(admin.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/v1/admin/users/{student.User.Handle}/roles/moderator", null)).StatusCode);
        var refreshed = (await (await fixture.Http.RefreshAsync(student.RefreshToken)).Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.Contains("moderator", refreshed.User.Roles);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/admin/users/{student.User.Handle}/roles/moderator")).StatusCode);
        var actor = await fixture.Database.ScalarAsync<string>(
            "SELECT details->>'by' FROM audit_events WHERE user_id = @id AND event_type = 'role_granted'", ("id", student.User.Id));
        Assert.Equal(admin.User.Id, actor);
        Assert.Equal(1, (int)await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_events WHERE user_id = @id AND event_type = 'role_revoked'", ("id", student.User.Id)));
    }

    [Fact]
    public async Task StudentsCannotGrantRoles()
    {
        var student = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(student.AccessToken);
        var response = await client.PutAsync($"/api/v1/admin/users/{student.User.Handle}/roles/admin", null);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task UnknownRolesAndHandlesAreRefused()
    {
        var admin = await Admin();
        var student = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(admin.AccessToken);

        await (await client.PutAsync($"/api/v1/admin/users/{student.User.Handle}/roles/superuser", null)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.PutAsync("/api/v1/admin/users/no_such_user_here/roles/moderator", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
