using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Users;

/// <summary>/follow-requests: who asks to follow your locked account; approve or reject each.</summary>
public static class FollowRequestsApi
{
    public static RouteGroupBuilder MapFollowRequests(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/follow-requests").WithTags("Users").RequireAuthorization();
        requests.MapGet("/", List).WithSummary("Follow requests waiting for you, newest first.");
        requests.MapPost("/{handle}/approve", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Decide(handle, caller, grains, approve: true))
            .WithSummary("Let them follow you.");
        requests.MapPost("/{handle}/reject", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Decide(handle, caller, grains, approve: false))
            .WithSummary("Turn the request down (they are not told).");
        return api;
    }

    internal static async Task<Results<Ok<Auth.ItemsResponse<UserDto>>, ValidationProblem>> List(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IUserGraphGrain>(caller.UserId()!).GetFollowRequests(cursor, size), UserDto.From));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Decide(string handle, ClaimsPrincipal caller, IGrainFactory grains, bool approve)
    {
        if (await grains.IdOf(handle) is not { } requesterId) return NoRequest();
        var graph = grains.GetGrain<IUserGraphGrain>(caller.UserId()!);
        var outcome = approve ? await graph.ApproveFollowRequest(requesterId) : await graph.RejectFollowRequest(requesterId);
        return outcome == GraphOutcome.Done ? TypedResults.NoContent() : NoRequest();
    }

    private static ProblemHttpResult NoRequest() =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "This user has not asked to follow you.");
}
