using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Search;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Search;

/// <summary>/search: users, posts, hashtags and type-ahead, answered from this node's index for the signed-in user.</summary>
public static class SearchApi
{
    public sealed record HashtagCountDto(string Tag, int PostCount);
    public sealed record SuggestionsDto(IReadOnlyList<UserDto> Users, IReadOnlyList<HashtagCountDto> Hashtags);

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search").RequireAuthorization();
        search.MapGet("/users", Users).WithSummary("Users by handle, display name, major and university; best match first.");
        search.MapGet("/posts", Posts).WithSummary("Posts by words, \"phrases\", #tag and from:handle; relevance with a recency boost.");
        search.MapGet("/hashtags", Hashtags).WithSummary("Hashtags starting with q, with their number of posts; an exact match first, then the most used.");
        search.MapGet("/messages", Messages).WithSummary("Messages of your own conversations (or of one, with conversationId) by words, \"phrases\" and from:handle; best match first.");
        search.MapGet("/suggestions", Suggestions).WithSummary("Type-ahead: up to 5 users and 5 hashtags by prefix (@ for users only, # for hashtags only).");
        return api;
    }

    private static async Task<Results<Ok<ItemsResponse<UserDto>>, ValidationProblem>> Users(string? q, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Check(q, limit) is { } problem) return problem;
        var page = await grains.GetGrain<ISearchGrain>(0).Users(caller.UserId()!, q!, cursor, Paging.Limit(limit)!.Value);
        return page is null ? BadCursor() : TypedResults.Ok(Paging.Map(page, UserDto.From));
    }

    private static async Task<Results<Ok<ItemsResponse<PostDto>>, ValidationProblem>> Posts(string? q, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Check(q, limit) is { } problem) return problem;
        var page = await grains.GetGrain<ISearchGrain>(0).Posts(caller.UserId()!, q!, cursor, Paging.Limit(limit)!.Value);
        return page is null ? BadCursor() : TypedResults.Ok(Paging.Map(page, PostDto.From));
    }

    private static async Task<Results<Ok<ItemsResponse<Chat.MessageDto>>, ValidationProblem>> Messages(string? q, string? conversationId, string? cursor, int? limit,
        ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Check(q, limit) is { } problem) return problem;
        var page = await grains.GetGrain<ISearchGrain>(0).Messages(caller.UserId()!, q!, string.IsNullOrEmpty(conversationId) ? null : conversationId, cursor, Paging.Limit(limit)!.Value);
        return page is null ? BadCursor() : TypedResults.Ok(Paging.Map(page, m => Chat.MessageDto.From(m, caller.UserId())));
    }

    private static async Task<Results<Ok<ItemsResponse<HashtagCountDto>>, ValidationProblem>> Hashtags(string? q, string? cursor, int? limit, IGrainFactory grains)
    {
        if (Check(q, limit) is { } problem) return problem;
        var page = await grains.GetGrain<ISearchGrain>(0).Hashtags(q!, cursor, Paging.Limit(limit)!.Value);
        return page is null ? BadCursor() : TypedResults.Ok(Paging.Map(page, h => new HashtagCountDto(h.Tag, h.PostCount)));
    }

    private static async Task<Results<Ok<SuggestionsDto>, ValidationProblem>> Suggestions(string? q, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Check(q, null) is { } problem) return problem;
        var found = await grains.GetGrain<ISearchGrain>(0).Suggest(caller.UserId()!, q!);
        return TypedResults.Ok(new SuggestionsDto(found.Users.Select(UserDto.From).ToList(), found.Hashtags.Select(h => new HashtagCountDto(h.Tag, h.PostCount)).ToList()));
    }

    /// <summary>Only a missing query or a bad limit is refused; any text at all is a valid query (overly long text is cut).</summary>
    private static ValidationProblem? Check(string? q, int? limit)
    {
        if (string.IsNullOrWhiteSpace(q)) return ApiProblems.Validation("q", "Give something to search for.");
        if (Paging.Limit(limit) is null) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return null;
    }

    private static ValidationProblem BadCursor() => ApiProblems.Validation("cursor", "This cursor is not valid; start from the first page.");
}
