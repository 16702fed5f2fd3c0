using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Grains.Abstractions.Moderation;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Moderation;

/// <summary>POST /reports: any signed-in student reports a post, message, user or conversation they can see.</summary>
public static class ReportsApi
{
    public sealed record ReportRequest(SubjectDto? Subject, string? Category, string? Comment);

    public sealed record ReportCreated(string Id);

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        api.MapPost("/reports", File).WithTags("Trust and safety").RequireAuthorization()
            .WithSummary("Report content or a user (the same report again returns the same id, 200).");
        return api;
    }

    internal static async Task<IResult> File(ReportRequest body, ClaimsPrincipal caller, IGrainFactory grains, ActorBudgets budgets,
        IOptions<RateLimitOptions> limits, HttpContext http)
    {
        if (body.Subject is not { Kind: { } kind, Id: { } id } || string.IsNullOrWhiteSpace(id))
            return ApiProblems.Validation("subject", "Give subject.kind (post, message, user, conversation) and subject.id.");
        var me = caller.UserId()!;
        if (await budgets.TryTakeAsync(ActorBudgets.Reports, "user:" + me, limits.Value.Reports.ToSpec()) is { } wait)
        {
            http.Response.Headers.RetryAfter = RateLimitingSetup.RetryAfterSeconds(wait);
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "Too many reports.",
                "You can file 20 reports an hour.");
        }
        var subject = new ReportSubject(kind.Trim().ToLowerInvariant(), id.Trim());
        var result = await grains.GetGrain<IReportGrain>(IReportGrain.IdFor(me, subject))
            .File(me, subject, body.Category?.Trim().ToLowerInvariant() ?? "", body.Comment ?? "");
        if (result.Outcome != ModerationOutcome.Done) return ModerationHttp.Refusal(result);
        return result.Created
            ? TypedResults.Created($"{ApiSetup.BasePath}/reports/{result.Value}", new ReportCreated(result.Value!))
            : TypedResults.Ok(new ReportCreated(result.Value!));
    }
}
