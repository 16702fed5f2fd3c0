using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Filters;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Filters;

/// <summary>Keyword filters as a client sets them.</summary>
public static class Filtering
{
    public static async Task<FiltersApi.FilterDto> FilterAsync(this Student who, string phrase, string action = "hide", string[]? contexts = null,
        bool wholeWord = true, DateTimeOffset? expiresAt = null)
    {
        var response = await who.Http.PostAsJsonAsync("/api/v1/filters", new { phrase, action, contexts, wholeWord, expiresAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<FiltersApi.FilterDto>())!;
    }

    public static async Task<List<FiltersApi.FilterDto>> FiltersAsync(this Student who) =>
        (await who.Http.GetFromJsonAsync<FiltersApi.FilterList>("/api/v1/filters"))!.Items.ToList();

    /// <summary>A word no other test writes, so server-wide search and trends cannot mix tests up.</summary>
    public static string UniqueWord(string prefix = "w") => prefix + Guid.NewGuid().ToString("N")[..10];
}
