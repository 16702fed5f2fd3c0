using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Feeds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Feeds;

/// <summary>/feed: the home timeline, explore, trending and recommendations of the signed-in user.</summary>
public static class FeedsApi
{
    public sealed record HashtagDto(string Tag, double Score, int PostCount);
    public sealed record TrendingDto(IReadOnlyList<HashtagDto> Hashtags, IReadOnlyList<PostDto> Posts);
    public sealed record SuggestedUserDto(UserDto User, string Reason);
    public sealed record RecommendationsDto(IReadOnlyList<SuggestedUserDto> Users, IReadOnlyList<PostDto> Posts);

    public static RouteGroupBuilder MapFeeds(this RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/feed").WithTags("Feeds").RequireAuthorization();
        feed.MapGet("/home", Home).WithSummary("Your and followed accounts' posts and reposts, newest first.");
        feed.MapGet("/explore", Explore).WithSummary("Popular recent posts from accounts you do not follow, your campus first.");
        feed.MapGet("/trending", Trending).WithSummary("Trending hashtags and posts (scope=campus|global).");
        feed.MapGet("/recommendations", Recommendations).WithSummary("Who to follow, and posts you may like.");
        return api;
    }

    internal static async Task<Results<Ok<ItemsResponse<PostDto>>, ValidationProblem>> Home(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<ITimelineGrain>(caller.UserId()!).GetPage(cursor, size), PostDto.From));
    }

    internal static async Task<Results<Ok<ItemsResponse<PostDto>>, ValidationProblem>> Explore(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IDiscoveryGrain>(caller.UserId()!).Explore(cursor, size), PostDto.From));
    }

    internal static async Task<Results<Ok<TrendingDto>, ValidationProblem>> Trending(string? scope, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (scope is not (null or "global" or "campus")) return ApiProblems.Validation("scope", "Use scope=campus or scope=global.");
        var view = await grains.GetGrain<IDiscoveryGrain>(caller.UserId()!).Trending(campus: scope == "campus");
        return TypedResults.Ok(new TrendingDto(
            view.Hashtags.Select(h => new HashtagDto(h.Tag, h.Score, h.PostCount)).ToArray(),
            view.Posts.Select(PostDto.From).ToArray()));
    }

    internal static async Task<Ok<RecommendationsDto>> Recommendations(ClaimsPrincipal caller, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IDiscoveryGrain>(caller.UserId()!).Recommendations();
        return TypedResults.Ok(new RecommendationsDto(
            view.Users.Select(u => new SuggestedUserDto(UserDto.From(u.User), u.Reason)).ToArray(),
            view.Posts.Select(PostDto.From).ToArray()));
    }
}
