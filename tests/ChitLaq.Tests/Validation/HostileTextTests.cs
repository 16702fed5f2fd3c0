using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Validation;

/// <summary>
/// Text PostgreSQL cannot store (NUL), other control characters and lone surrogates, in every
/// text field of the API and the hub, get a 4xx naming the field — never a 5xx — and nothing is written.
/// </summary>
public sealed class HostileTextTests(HostileTextTests.Fixture fixture) : IClassFixture<HostileTextTests.Fixture>
{
    public sealed class Fixture : PostgresAppFixture, IAsyncLifetime
    {
        public Student Ada { get; private set; } = null!;
        public Student Bo { get; private set; } = null!;
        public string PostId { get; private set; } = "";
        public string ConversationId { get; private set; } = "";
        public string MessageId { get; private set; } = "";

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Ada = await Student.CreateAsync(App);
            Bo = await Student.CreateAsync(App);
            PostId = (await Ada.PostAsync("a post to reply to")).Id;
            var chat = await Ada.StartAsync("group chat", Bo);
            ConversationId = chat.Id;
            MessageId = (await Ada.SayAsync(chat.Id, "first")).Id;
        }
    }

    public static TheoryData<string, string, string, string> BodyFields()
    {
        var data = new TheoryData<string, string, string, string>();
        // JSON escapes, so the strings travel exactly as a client would send them.
        foreach (var hostile in new[] { "bad\\u0000text", "bad\\ud800text", "bad\\u0007text", "bad\\ufffetext" })
        {
            data.Add("POST", "/api/v1/auth/register", $$"""{"email":"x{{hostile}}@campus.edu","password":"Long-enough-pass-1","handle":"okhandle","displayName":"ok"}""", "email");
            data.Add("POST", "/api/v1/auth/register", $$"""{"email":"ok@campus.edu","password":"Long-enough-pass-1","handle":"ok{{hostile}}","displayName":"ok"}""", "handle");
            data.Add("POST", "/api/v1/auth/register", $$"""{"email":"ok@campus.edu","password":"Long-enough-pass-1","handle":"okhandle","displayName":"{{hostile}}"}""", "displayName");
            data.Add("POST", "/api/v1/auth/register", $$"""{"email":"ok@campus.edu","password":"Long-{{hostile}}-pass-1","handle":"okhandle","displayName":"ok"}""", "password");
            data.Add("POST", "/api/v1/auth/login", $$"""{"email":"{{hostile}}@campus.edu","password":"whatever-pass"}""", "email");
            data.Add("POST", "/api/v1/auth/refresh", $$"""{"refreshToken":"{{hostile}}"}""", "refreshToken");
            data.Add("POST", "/api/v1/auth/logout", $$"""{"refreshToken":"{{hostile}}"}""", "refreshToken");
            data.Add("POST", "/api/v1/auth/verify-email", $$"""{"token":"{{hostile}}"}""", "token");
            data.Add("POST", "/api/v1/auth/password/forgot", $$"""{"email":"{{hostile}}@campus.edu"}""", "email");
            data.Add("POST", "/api/v1/auth/password/reset", $$"""{"token":"t","newPassword":"{{hostile}}-long-enough"}""", "newPassword");
            data.Add("PATCH", "/api/v1/users/me", $$"""{"displayName":"{{hostile}}"}""", "displayName");
            data.Add("PATCH", "/api/v1/users/me", $$"""{"bio":"{{hostile}}"}""", "bio");
            data.Add("PATCH", "/api/v1/users/me", $$"""{"major":"{{hostile}}"}""", "major");
            data.Add("PATCH", "/api/v1/users/me", $$"""{"avatarMediaId":"{{hostile}}"}""", "avatarMediaId");
            data.Add("POST", "/api/v1/posts", $$"""{"text":"{{hostile}}"}""", "text");
            data.Add("POST", "/api/v1/posts", $$"""{"text":"a reply","replyToId":"{{hostile}}"}""", "replyToId");
            data.Add("POST", "/api/v1/posts", $$"""{"text":"with media","mediaIds":["{{hostile}}"]}""", "mediaIds[0]");
            data.Add("PATCH", "/api/v1/posts/{post}", $$"""{"text":"{{hostile}}"}""", "text");
            data.Add("POST", "/api/v1/conversations", $$"""{"memberHandles":["{{hostile}}"]}""", "memberHandles[0]");
            data.Add("POST", "/api/v1/conversations", $$"""{"memberHandles":["{bo}"],"title":"{{hostile}}"}""", "title");
            data.Add("PATCH", "/api/v1/conversations/{chat}", $$"""{"title":"{{hostile}}"}""", "title");
            data.Add("POST", "/api/v1/conversations/{chat}/members", $$"""{"handles":["{{hostile}}"]}""", "handles[0]");
            data.Add("POST", "/api/v1/conversations/{chat}/messages", $$"""{"text":"{{hostile}}","clientMessageId":"c1"}""", "text");
            data.Add("POST", "/api/v1/conversations/{chat}/messages", $$"""{"text":"hello","clientMessageId":"{{hostile}}"}""", "clientMessageId");
            data.Add("PATCH", "/api/v1/conversations/{chat}/messages/{message}", $$"""{"text":"{{hostile}}"}""", "text");
            data.Add("POST", "/api/v1/notifications/read", $$"""{"upTo":"{{hostile}}"}""", "upTo");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BodyFields))]
    public async Task HostileTextInABodyFieldIsRefusedNamingTheField(string method, string path, string json, string field)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Fill(path))
        {
            Content = new StringContent(Fill(json), Encoding.UTF8, "application/json"),
        };
        var response = await fixture.Ada.Http.SendAsync(request);

        await AssertRefusedNaming(response, field);
    }

    public static TheoryData<string, string> QueryAndRouteValues() => new()
    {
        { "/api/v1/search/users?q=bad%00text", "q" },
        { "/api/v1/search/posts?q=bad%01text", "q" },
        { "/api/v1/search/hashtags?q=%00", "q" },
        { "/api/v1/search/suggestions?q=ab%1B", "q" },
        { "/api/v1/feed/home?cursor=%00", "cursor" },
        { "/api/v1/feed/trending?scope=%00", "scope" },
        { "/api/v1/presence?handles=a%00,b", "handles" },
        { "/api/v1/users/{ada}/followers?cursor=%07", "cursor" },
        { "/api/v1/conversations/{chat}/messages?cursor=after%00", "cursor" },
        { "/api/v1/handles/ab%01cd/availability", "handle" },
        { "/api/v1/users/ab%7Fcd", "handle" },
    };

    [Theory]
    [MemberData(nameof(QueryAndRouteValues))]
    public async Task HostileTextInAQueryOrRouteValueIsRefusedNamingIt(string path, string field)
    {
        var response = await fixture.Ada.Http.GetAsync(Fill(path));

        await AssertRefusedNaming(response, field);
    }

    [Fact]
    public async Task ARefusedPostIsNotHalfWritten()
    {
        var before = await CountPostsAsync();
        var response = await fixture.Ada.Http.PostAsync("/api/v1/posts",
            new StringContent("""{"text":"hello \u0000 world #tag"}""", Encoding.UTF8, "application/json"));
        await AssertRefusedNaming(response, "text");
        Assert.Equal(before, await CountPostsAsync());
    }

    [Fact]
    public async Task AMessageWithNulOverTheHubIsRefusedAndTheConnectionStaysUsable()
    {
        await using var phone = await Device.ConnectAsync(fixture.App, fixture.Ada.Account.AccessToken);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            phone.Connection.InvokeAsync<MessageDto>("SendMessage", fixture.ConversationId, "hub-nul", "bad\0text"));
        Assert.Contains("HubException: validation_failed:", refused.Message); // SignalR puts its own words first
        Assert.Contains("text", refused.Message);

        // (The .NET client turns a lone surrogate into U+FFFD before sending; the fuzz test sends raw frames.)
        var control = await Assert.ThrowsAsync<HubException>(() =>
            phone.Connection.InvokeAsync<MessageDto>("SendMessage", fixture.ConversationId, "bad\u001bid", "fine text"));
        Assert.Contains("HubException: validation_failed:", control.Message);
        Assert.Contains("clientMessageId", control.Message);

        Assert.Equal(HubConnectionState.Connected, phone.Connection.State);
        var sent = await phone.Connection.InvokeAsync<MessageDto>("SendMessage", fixture.ConversationId, "hub-ok", "still here");
        Assert.Equal("still here", sent.Text);
    }

    private async Task<int> CountPostsAsync()
    {
        var page = await fixture.Ada.Http.GetFromJsonAsync<JsonElement>($"/api/v1/users/{fixture.Ada.Handle}/posts?limit=100");
        return page.GetProperty("items").GetArrayLength();
    }

    private string Fill(string template) => template
        .Replace("{post}", fixture.PostId).Replace("{chat}", fixture.ConversationId).Replace("{message}", fixture.MessageId)
        .Replace("{bo}", fixture.Bo.Handle).Replace("{ada}", fixture.Ada.Handle);

    /// <summary>400: validation_failed with the field in <c>errors</c>, or malformed_request naming its JSON path.</summary>
    private static async Task AssertRefusedNaming(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        var code = problem.GetProperty("code").GetString();
        if (code == "validation_failed")
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}': {body}");
        else
        {
            Assert.Equal("malformed_request", code);
            Assert.Contains(field.Split('[')[0], problem.GetProperty("detail").GetString());
        }
    }
}
