using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChitLaq.Api.Auth;
using MimeKit;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Signing up, signing in and reading account emails the way a client does.</summary>
public static partial class Accounts
{
    public const string Password = "Sunny-Day-Study-42";

    public static string NewHandle(string prefix = "u") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static string EmailOf(string handle, string domain = ChitLaqAppFactory.UniversityDomain) => $"{handle}@{domain}";

    public static async Task<AuthResponse> RegisterAsync(this HttpClient http, string? handle = null, string? email = null, string password = Password)
    {
        handle ??= NewHandle();
        var response = await http.PostAsJsonAsync("/api/v1/auth/register",
            new { email = email ?? EmailOf(handle), password, handle, displayName = "Student " + handle });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"register answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient http, string email, string password = Password) =>
        http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient http, string refreshToken) =>
        http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    /// <summary>A client that sends this access token on every request.</summary>
    public static HttpClient WithToken(this ChitLaqAppFactory app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Registers and verifies the email (through the emailed link), then signs in again.</summary>
    public static async Task<AuthResponse> RegisterVerifiedAsync(this ChitLaqAppFactory app, string? handle = null, string? domain = null)
    {
        using var http = app.CreateClient();
        handle ??= NewHandle();
        var registered = await http.RegisterAsync(handle, domain is null ? null : EmailOf(handle, domain));
        var token = await app.MailTokenAsync(registered.User.Email, "Verify");
        (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).EnsureSuccessStatusCode();
        var login = await http.LoginAsync(registered.User.Email);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    /// <summary>The token in the newest email to <paramref name="recipient"/> whose subject contains the word.</summary>
    /// <summary>Registers through a node process, verifies the email from its mail folder, and signs in.</summary>
    public static Task<AuthResponse> RegisterVerifiedAsync(this SiloProcess node) => node.Http.RegisterVerifiedAsync(node.MailDirectory);

    /// <summary>Registers through <paramref name="http"/> (a node, or a proxy in front of it), verifies from the node's mail folder, signs in.</summary>
    public static async Task<AuthResponse> RegisterVerifiedAsync(this HttpClient http, string mailDirectory, string? handle = null, string? email = null)
    {
        var registered = await http.RegisterAsync(handle, email);
        var mail = await Eventually.Satisfies(
            () => Task.FromResult(MailTo(mailDirectory, registered.User.Email).FirstOrDefault()),
            found => found is not null, "the verification email is written");
        (await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = TokenIn(mail!) })).EnsureSuccessStatusCode();
        return (await (await http.LoginAsync(registered.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    public static async Task<string> MailTokenAsync(this ChitLaqAppFactory app, string recipient, string subjectWord, int skipNewest = 0)
    {
        var messages = await Eventually.Satisfies(
            () => Task.FromResult(MailTo(app.MailDirectory, recipient).Where(m => m.Subject?.Contains(subjectWord) == true).ToList()),
            found => found.Count > skipNewest, $"an email '{subjectWord}' reached {recipient}");
        return TokenIn(messages[skipNewest]);
    }

    /// <summary>The token carried by the link in an account email.</summary>
    public static string TokenIn(MimeMessage message) =>
        Uri.UnescapeDataString(TokenInLink().Match(message.TextBody ?? "").Groups[1].Value);

    /// <summary>Every email to the recipient in the pickup folder, newest first.</summary>
    public static IReadOnlyList<MimeMessage> MailTo(string directory, string recipient) =>
        !Directory.Exists(directory) ? [] :
        Directory.GetFiles(directory, "*.eml")
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(box => string.Equals(box.Address, recipient, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    [GeneratedRegex(@"token=([A-Za-z0-9%._\-~]+)")]
    private static partial Regex TokenInLink();
}
