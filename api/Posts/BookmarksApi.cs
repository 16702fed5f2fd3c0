using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Posts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Posts;

/// <summary>Private bookmarks (POST/DELETE /posts/{id}/bookmark, GET /bookmarks) and a post's edit history.</summary>
public static class BookmarksApi
{
    public sealed record PostVersionDto(string Text, DateTimeOffset EditedAt);

    public static RouteGroupBuilder MapBookmarks(this RouteGroupBuilder api)
    {
        api.MapPost("/posts/{id}/bookmark", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains.Bookmarks(caller).Add(id)))
            .RequireAuthorization().WithTags("Posts").WithSummary("Bookmark a post (idempotent; only you see your bookmarks).");
        api.MapDelete("/posts/{id}/bookmark", (string id, ClaimsPrincipal caller, IGrainFactory grains) => Act(grains.Bookmarks(caller).Remove(id)))
            .RequireAuthorization().WithTags("Posts").WithSummary("Remove a bookmark (idempotent).");
        api.MapGet("/bookmarks", List).RequireAuthorization().WithTags("Posts").WithSummary("Your bookmarks, newest first.");
        api.MapGet("/posts/{id}/history", History).WithTags("Posts").WithSummary("Every text the post had, newest first, with when each was written.");
        return api;
    }

    private static IBookmarksGrain Bookmarks(this IGrainFactory grains, ClaimsPrincipal caller) => grains.GetGrain<IBookmarksGrain>(caller.UserId()!);

    internal static async Task<Results<Ok<ItemsResponse<PostDto>>, ValidationProblem>> List(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.Bookmarks(caller).List(cursor, size), PostDto.From));
    }

    internal static async Task<Results<Ok<IReadOnlyList<PostVersionDto>>, ProblemHttpResult>> History(string id, ClaimsPrincipal caller, IGrainFactory grains) =>
        await grains.GetGrain<IPostGrain>(id).History(caller.UserId()) is { } versions
            ? TypedResults.Ok<IReadOnlyList<PostVersionDto>>(versions.Select(v => new PostVersionDto(v.Text, v.EditedAt)).ToList())
            : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such post.");

    private static async Task<Results<NoContent, ProblemHttpResult>> Act(Task<PostOutcome> action) =>
        await action == PostOutcome.Done ? TypedResults.NoContent() : ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such post.");
}
