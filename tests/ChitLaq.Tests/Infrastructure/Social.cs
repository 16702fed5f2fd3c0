using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Notifications;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Users;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>A verified student with a signed-in client, and the social actions tests need.</summary>
public sealed class Student(AuthResponse account, HttpClient http) : IDisposable
{
    public AuthResponse Account { get; } = account;
    public HttpClient Http { get; } = http;
    public string Id => Account.User.Id;
    public string Handle => Account.User.Handle;

    public static async Task<Student> CreateAsync(ChitLaqAppFactory app, string? handle = null, string? domain = null)
    {
        var account = await app.RegisterVerifiedAsync(handle, domain);
        return new Student(account, app.WithToken(account.AccessToken));
    }

    /// <summary>Signs in again (e.g. after the test clock moved past the access token's life).</summary>
    public async Task<Student> SignInAgainAsync(ChitLaqAppFactory app)
    {
        using var http = app.CreateClient();
        var login = (await (await http.LoginAsync(Account.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;
        return new Student(login, app.WithToken(login.AccessToken));
    }

    public async Task FollowAsync(Student other) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Http.PostAsync($"/api/v1/users/{other.Handle}/follow", null)).StatusCode);

    public async Task<PostDto> PostAsync(string text, string? replyToId = null)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/posts", new { text, replyToId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PostDto>())!;
    }

    public async Task<ItemsResponse<PostDto>> HomeAsync(string? cursor = null, int limit = 20) =>
        (await Http.GetFromJsonAsync<ItemsResponse<PostDto>>($"/api/v1/feed/home?limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")))!;

    public async Task<List<string>> HomeIdsAsync() => (await HomeAsync(limit: 100)).Items.Select(p => p.Id).ToList();

    public async Task<ItemsResponse<NotificationDto>> NotificationsAsync() =>
        (await Http.GetFromJsonAsync<ItemsResponse<NotificationDto>>("/api/v1/notifications?limit=100"))!;

    public async Task<UserDto> ProfileAsync(string handle) => (await Http.GetFromJsonAsync<UserDto>($"/api/v1/users/{handle}"))!;

    public void Dispose() => Http.Dispose();
}
