using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Search;
using ChitLaq.Api.Users;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Search calls as a client makes them, and waiting (at most the contract's 2 s) for the index to catch up.</summary>
public static class Searching
{
    /// <summary>How fresh the contract says search is.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    public static async Task<ItemsResponse<PostDto>> SearchPostsAsync(this HttpClient http, string q, string? cursor = null, int limit = 20) =>
        (await GetAsync<ItemsResponse<PostDto>>(http, $"/api/v1/search/posts?q={Uri.EscapeDataString(q)}&limit={limit}" + Cursor(cursor)))!;

    public static async Task<ItemsResponse<UserDto>> SearchUsersAsync(this HttpClient http, string q, string? cursor = null, int limit = 20) =>
        (await GetAsync<ItemsResponse<UserDto>>(http, $"/api/v1/search/users?q={Uri.EscapeDataString(q)}&limit={limit}" + Cursor(cursor)))!;

    public static async Task<ItemsResponse<SearchApi.HashtagCountDto>> SearchHashtagsAsync(this HttpClient http, string q) =>
        (await GetAsync<ItemsResponse<SearchApi.HashtagCountDto>>(http, $"/api/v1/search/hashtags?q={Uri.EscapeDataString(q)}"))!;

    public static async Task<SearchApi.SuggestionsDto> SuggestAsync(this HttpClient http, string q) =>
        (await GetAsync<SearchApi.SuggestionsDto>(http, $"/api/v1/search/suggestions?q={Uri.EscapeDataString(q)}"))!;

    /// <summary>The post ids a query finds once they are exactly <paramref name="expected"/> (in any order), within the freshness limit.</summary>
    public static Task<List<string>> PostIdsBecome(this HttpClient http, string q, params string[] expected) =>
        Eventually.Satisfies(async () => (await http.SearchPostsAsync(q, limit: 100)).Items.Select(p => p.Id).ToList(),
            ids => ids.Order().SequenceEqual(expected.Order()), $"search for '{q}' finds exactly [{string.Join(", ", expected)}]", Freshness);

    private static string Cursor(string? cursor) => cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}";

    private static async Task<T?> GetAsync<T>(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<T>();
    }
}
