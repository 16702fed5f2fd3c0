using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Api.Moderation;

/// <summary>/decisions: the signed-in user's own decisions and their appeals (open to suspended accounts too).</summary>
public static class DecisionsApi
{
    public sealed record AppealRequest(string? Text);

    public static RouteGroupBuilder MapDecisions(this RouteGroupBuilder api)
    {
        var decisions = api.MapGroup("/decisions").WithTags("Trust and safety").RequireAuthorization();
        decisions.MapGet("/mine", Mine).WithSummary("Moderators' decisions about you, newest first.");
        decisions.MapPost("/{id}/appeal", Appeal).WithSummary("Appeal a decision (once, within 20 days).");
        return api;
    }

    internal static async Task<IResult> Mine(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        return TypedResults.Ok(Paging.Map(await grains.GetGrain<IUserGrain>(caller.UserId()!).GetDecisions(cursor, size), DecisionDto.From));
    }

    internal static async Task<IResult> Appeal(string id, AppealRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!ModerationHttp.IsDecisionId(id)) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such decision.");
        var result = await grains.GetGrain<IUserGrain>(caller.UserId()!).Appeal(id, body.Text ?? "");
        return result.Outcome == ModerationOutcome.Done
            ? TypedResults.Created($"{ApiSetup.BasePath}/decisions/{id}", DecisionDto.From(result.Value!))
            : ModerationHttp.Refusal(result);
    }
}
