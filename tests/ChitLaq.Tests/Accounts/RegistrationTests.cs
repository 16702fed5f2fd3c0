using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Npgsql;

namespace ChitLaq.Tests.Accounts;

public sealed class RegistrationTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    private HttpClient Http => fixture.Http;

    private Task<HttpResponseMessage> Register(string email, string handle, string password = Infrastructure.Accounts.Password, string displayName = "Ada") =>
        Http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, handle, displayName });

    [Fact]
    public async Task UniversityEmailSignUpReturnsMeAndTokens()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        var response = await Register($"{handle}@campus.edu", handle.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.Equal(handle, body.User.Handle);
        Assert.Equal($"{handle}@campus.edu", body.User.Email);
        Assert.False(body.User.EmailVerified);
        Assert.Equal(["student"], body.User.Roles);
        Assert.Equal("Campus University", body.User.University);
        Assert.Equal(900, body.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(body.AccessToken));
        Assert.False(string.IsNullOrEmpty(body.RefreshToken));
    }

    [Fact]
    public async Task SubdomainsOfAnAllowedDomainAreAcceptedAndNamedAfterTheUniversity()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        var body = await (await Register($"{handle}@cs.campus.edu", handle)).Content.ReadFromJsonAsync<AuthResponse>();
        Assert.Equal("Campus University", body!.User.University);
    }

    [Theory]
    [InlineData("someone@gmail.com")]
    [InlineData("someone@notcampus.edu")]
    [InlineData("someone@campus.edu.evil.com")]
    public async Task NonUniversityEmailIsRefusedWith422(string email)
    {
        var response = await Register(email, Infrastructure.Accounts.NewHandle());
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "email_domain_not_allowed");
    }

    [Fact]
    public async Task TheSameEmailInAnotherCaseOrUnicodeFormIsTaken()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        await Register($"{handle}@campus.edu", handle);

        // Fullwidth letters normalise (NFKC) to the same address.
        var fullwidth = string.Concat(handle.Select(c => char.IsAsciiLetterLower(c) ? (char)(c - 'a' + 'ａ') : c));
        foreach (var variant in new[] { $"{handle.ToUpperInvariant()}@Campus.EDU", $"{fullwidth}@campus.edu", $"  {handle}@campus.edu " })
        {
            var response = await Register(variant, Infrastructure.Accounts.NewHandle());
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
        }
    }

    [Fact]
    public async Task TheSameHandleInAnotherCaseIsTaken()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        await Register($"{handle}@campus.edu", handle);
        var response = await Register($"other{handle}@campus.edu", handle.ToUpperInvariant());
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "handle_taken");
    }

    [Fact]
    public async Task ReservedHandlesCannotBeRegistered()
    {
        var response = await Register($"{Infrastructure.Accounts.NewHandle()}@campus.edu", "support");
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "handle_taken");
    }

    [Fact]
    public async Task OfTwentySimultaneousSignUpsWithOneEmailExactlyOneSucceeds()
    {
        var email = $"{Infrastructure.Accounts.NewHandle()}@campus.edu";
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Register(email, Infrastructure.Accounts.NewHandle())));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task OfTwentySimultaneousSignUpsWithOneHandleExactlyOneSucceeds()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Register($"{handle}{i}x@campus.edu", handle)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Theory]
    [InlineData("short-pw1", "Use at least 10 characters.")]
    [InlineData("HANDLE-and-more-words", "must not contain your handle")]
    [InlineData("my-EMAIL-is-in-here", "must not contain your email")]
    public async Task WeakPasswordsAreRefusedWithFieldErrors(string passwordTemplate, string expected)
    {
        var handle = Infrastructure.Accounts.NewHandle();
        var password = passwordTemplate.Replace("HANDLE", handle).Replace("EMAIL", "first.last" + handle);
        var response = await Register($"first.last{handle}@campus.edu", handle, password);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var messages = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(m => m.GetString()!);
        Assert.Contains(messages, m => m.Contains(expected));
    }

    [Fact]
    public async Task OverlongPasswordIsRefused()
    {
        var handle = Infrastructure.Accounts.NewHandle();
        var response = await Register($"{handle}@campus.edu", handle, new string('x', 129));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task MissingAndMalformedFieldsAreReportedPerField()
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-address", handle = "x!" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "email", "handle", "password", "displayName" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task SignUpSendsAVerificationEmailWithTheTokenInALink()
    {
        var registered = await Http.RegisterAsync();
        var message = await Eventually.Satisfies(
            () => Task.FromResult(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, registered.User.Email)),
            mails => mails.Count > 0, "the verification email is written");

        var mail = Assert.Single(message);
        Assert.Contains("/verify-email?token=", mail.TextBody);
        Assert.Contains("token=", mail.HtmlBody);
        Assert.False(string.IsNullOrEmpty(await fixture.App.MailTokenAsync(registered.User.Email, "Verify")));
    }

    [Fact]
    public async Task ThePublicProfileNeverCarriesTheEmail()
    {
        var registered = await Http.RegisterAsync();
        var json = await Http.GetStringAsync($"/api/v1/users/{registered.User.Handle}");
        var user = JsonDocument.Parse(json).RootElement;
        Assert.Equal(registered.User.Id, user.GetProperty("id").GetString());
        Assert.False(user.TryGetProperty("email", out _));
        Assert.DoesNotContain(registered.User.Email, json);
    }

    [Fact]
    public async Task SignUpIsAuditedWithAddressAndUserAgent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register");
        var handle = Infrastructure.Accounts.NewHandle();
        request.Content = JsonContent.Create(new { email = $"{handle}@campus.edu", password = Infrastructure.Accounts.Password, handle, displayName = "Audited" });
        request.Headers.UserAgent.ParseAdd("ChitLaqTests/1.0");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9"); // as nginx on the same host sends it
        var body = (await (await Http.SendAsync(request)).Content.ReadFromJsonAsync<AuthResponse>())!;

        var agent = await fixture.Database.ScalarAsync<string>(
            "SELECT user_agent FROM audit_events WHERE event_type = 'register' AND user_id = @id", ("id", body.User.Id));
        Assert.Equal("ChitLaqTests/1.0", agent);
        var ip = await fixture.Database.ScalarAsync<string>(
            "SELECT host(ip) FROM audit_events WHERE event_type = 'register' AND user_id = @id", ("id", body.User.Id));
        Assert.Equal("203.0.113.9", ip);
    }

    [Fact]
    public async Task TheUserDirectoryRowFollowsTheProfile()
    {
        var registered = await Http.RegisterAsync();
        var university = await fixture.Database.ScalarAsync<string>(
            "SELECT university FROM users WHERE user_id = @id AND handle = @handle",
            ("id", registered.User.Id), ("handle", registered.User.Handle));
        Assert.Equal("Campus University", university);
    }
}
