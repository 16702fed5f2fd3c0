using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Users;

/// <summary>Follow, block and mute (POST to set, DELETE to clear; both idempotent → 204).</summary>
public static class GraphApi
{
    public static RouteGroupBuilder MapGraph(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users/{handle}").WithTags("Users");
        // Following is a write that needs a verified email; blocking and muting are safety tools anyone signed in can use.
        users.MapPost("/follow", Follow)
            .RequireAuthorization(Policies.VerifiedEmail).WithSummary("Follow the user (204); a locked account gets a follow request instead (202 {requested: true}).");
        users.MapDelete("/follow", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Act(handle, caller, grains, (g, id) => g.Unfollow(id)))
            .RequireAuthorization().WithSummary("Stop following the user, or cancel your follow request.");
        users.MapPost("/block", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Act(handle, caller, grains, (g, id) => g.Block(id)))
            .RequireAuthorization().WithSummary("Block the user: follows both ways end, and neither sees the other.");
        users.MapDelete("/block", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Act(handle, caller, grains, (g, id) => g.Unblock(id)))
            .RequireAuthorization().WithSummary("Unblock the user.");
        users.MapPost("/mute", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Act(handle, caller, grains, (g, id) => g.Mute(id)))
            .RequireAuthorization().WithSummary("Hide the user from your feeds and notifications.");
        users.MapDelete("/mute", (string handle, ClaimsPrincipal caller, IGrainFactory grains) => Act(handle, caller, grains, (g, id) => g.Unmute(id)))
            .RequireAuthorization().WithSummary("Unmute the user.");
        return api;
    }

    public sealed record FollowRequestedResponse(bool Requested);

    internal static async Task<Results<NoContent, Accepted<FollowRequestedResponse>, ProblemHttpResult>> Follow(string handle, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (await grains.IdOf(handle) is not { } targetId) return NoSuchUser();
        var outcome = await grains.GetGrain<IUserGraphGrain>(caller.UserId()!).Follow(targetId);
        if (outcome == GraphOutcome.Requested) return TypedResults.Accepted((string?)null, new FollowRequestedResponse(true));
        return Refusal(outcome) is { } refused ? refused : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Act(
        string handle, ClaimsPrincipal caller, IGrainFactory grains, Func<IUserGraphGrain, string, Task<GraphOutcome>> action)
    {
        if (await grains.IdOf(handle) is not { } targetId) return NoSuchUser();
        var outcome = await action(grains.GetGrain<IUserGraphGrain>(caller.UserId()!), targetId);
        return Refusal(outcome) is { } refused ? refused : TypedResults.NoContent();
    }

    /// <summary>The problem for an outcome that is not success; null when it is.</summary>
    private static ProblemHttpResult? Refusal(GraphOutcome outcome) => outcome switch
    {
        GraphOutcome.Done or GraphOutcome.Requested => null,
        GraphOutcome.Self => ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidTarget, "You cannot do this to yourself."),
        GraphOutcome.Blocked => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "One of you has blocked the other."),
        _ => NoSuchUser(),
    };

    private static ProblemHttpResult NoSuchUser() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");
}
