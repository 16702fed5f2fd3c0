using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Api.Moderation;

/// <summary>
/// /moderation: the queue, actions on users, appeals and the audit log. Open to moderators and
/// admins (by their token's roles); the grains check each time, from the moderator's account,
/// that the target is theirs to act on (their university; admins everywhere).
/// </summary>
public static class ModerationApi
{
    public sealed record ResolveRequest(string? Action, string? Reason, int? DurationHours);

    public sealed record ActionRequest(string? Action, string? Reason, int? DurationHours);

    public sealed record AppealDecisionRequest(string? Outcome, string? Reason);

    public static RouteGroupBuilder MapModeration(this RouteGroupBuilder api)
    {
        var moderation = api.MapGroup("/moderation").WithTags("Trust and safety").RequireAuthorization(Policies.Moderator);
        moderation.MapGet("/reports", Reports).WithSummary("The report queue, oldest first (status: open, assigned, resolved; default open and assigned).");
        moderation.MapGet("/reports/{id}", Case).WithSummary("One report with the user's earlier decisions and other open reports about them.");
        moderation.MapPost("/reports/{id}/assign", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnReport(id, grains, report => report.Assign(caller.UserId()!))).WithSummary("Take the report.");
        moderation.MapPost("/reports/{id}/reopen", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnReport(id, grains, report => report.Reopen(caller.UserId()!))).WithSummary("Put a resolved report back in the queue.");
        moderation.MapPost("/reports/{id}/resolve", (string id, ResolveRequest body, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnReport(id, grains, report => report.Resolve(caller.UserId()!, body.Action?.Trim() ?? "", body.Reason ?? "", body.DurationHours)))
            .WithSummary("Resolve with an action, which takes effect at once.");
        moderation.MapPost("/users/{handle}/actions", ActOnUser).WithSummary("Warn, limit, suspend, ban or lift, without a report.");
        moderation.MapGet("/appeals", Appeals).WithSummary("Appeals waiting for a decision, oldest first.");
        moderation.MapPost("/appeals/{decisionId}", DecideAppeal).WithSummary("Uphold or overturn (a moderator other than the one who decided).");
        moderation.MapGet("/audit", Audit).WithSummary("Moderator and admin actions, newest first (moderators: their university).");
        return api;
    }

    internal static async Task<IResult> Reports(string? status, string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        if (status is not null && !ReportStatuses.All.Contains(status)) return ApiProblems.Validation("status", "Use open, assigned or resolved.");
        var page = await grains.GetGrain<IModerationListsGrain>(0).Reports(caller.UserId()!, status, cursor, size);
        return page is null ? ModerationHttp.Forbidden() : TypedResults.Ok(Paging.Map(page, ReportDto.From));
    }

    internal static async Task<IResult> Case(string id, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!ModerationHttp.IsReportId(id)) return NoSuchReport();
        var result = await grains.GetGrain<IReportGrain>(id).GetCase(caller.UserId()!);
        if (result.Outcome != ModerationOutcome.Done) return ModerationHttp.Refusal(result);
        var found = result.Value!;
        return TypedResults.Ok(new ReportCaseDto(ReportDto.From(found.Report), found.EarlierDecisions.Select(DecisionDto.From).ToList(),
            found.OtherOpenReports.Select(ReportDto.From).ToList()));
    }

    private static async Task<IResult> OnReport(string id, IGrainFactory grains, Func<IReportGrain, Task<ModerationResult<ReportView>>> act)
    {
        if (!ModerationHttp.IsReportId(id)) return NoSuchReport();
        var result = await act(grains.GetGrain<IReportGrain>(id));
        return result.Outcome == ModerationOutcome.Done ? TypedResults.Ok(ReportDto.From(result.Value!)) : ModerationHttp.Refusal(result);
    }

    internal static async Task<IResult> ActOnUser(string handle, ActionRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var action = body.Action?.Trim() ?? "";
        if (!DecisionActions.OnUsers.Contains(action))
            return ApiProblems.Validation("action", "Use warning, limit, suspension, ban or lifted.");
        if (await grains.IdOf(handle) is not { } userId) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No user has this handle.");
        var result = await grains.GetGrain<IUserGrain>(userId).Decide(new DecisionRequest(caller.UserId()!, action, body.Reason ?? "", body.DurationHours));
        return result.Outcome == ModerationOutcome.Done
            ? TypedResults.Created($"{ApiSetup.BasePath}/moderation/decisions/{result.Value!.Id}", DecisionDto.From(result.Value))
            : ModerationHttp.Refusal(result);
    }

    internal static async Task<IResult> Appeals(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        var page = await grains.GetGrain<IModerationListsGrain>(0).PendingAppeals(caller.UserId()!, cursor, size);
        return page is null ? ModerationHttp.Forbidden() : TypedResults.Ok(Paging.Map(page, DecisionDto.From));
    }

    internal static async Task<IResult> DecideAppeal(string decisionId, AppealDecisionRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var owner = ModerationHttp.IsDecisionId(decisionId) ? await grains.GetGrain<IModerationListsGrain>(0).DecisionOwner(decisionId) : null;
        if (owner is null) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such decision.");
        var result = await grains.GetGrain<IUserGrain>(owner).DecideAppeal(decisionId, caller.UserId()!, body.Outcome?.Trim() ?? "", body.Reason ?? "");
        return result.Outcome == ModerationOutcome.Done ? TypedResults.Ok(DecisionDto.From(result.Value!)) : ModerationHttp.Refusal(result);
    }

    internal static async Task<IResult> Audit(string? cursor, int? limit, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (Paging.Limit(limit) is not { } size) return ApiProblems.Validation("limit", "Use a limit from 1 to 100.");
        var page = await grains.GetGrain<IModerationListsGrain>(0).Audit(caller.UserId()!, cursor, size);
        return page is null ? ModerationHttp.Forbidden() : TypedResults.Ok(Paging.Map(page, AuditEntryDto.From));
    }

    private static IResult NoSuchReport() => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such report.");
}
