using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Api.Moderation;

/// <summary>
/// /moderation/rules: the server's keyword rules. Moderators read them; admins add and remove them.
/// A "block" rule refuses a matching post or message (422 content_blocked); a "report" rule lets
/// it through and opens a report for the author's university's moderators.
/// </summary>
public static class KeywordRulesApi
{
    /// <summary>wholeWord defaults to true.</summary>
    public sealed record RuleRequest(string? Phrase, bool? WholeWord, string? Action);

    public sealed record RuleDto(string Id, string Phrase, bool WholeWord, string Action, UserDto? CreatedBy, DateTimeOffset CreatedAt)
    {
        public static RuleDto From(KeywordRuleView r) =>
            new(r.Id, r.Phrase, r.WholeWord, r.Action, r.CreatedBy is null ? null : UserDto.From(r.CreatedBy), r.CreatedAt);
    }

    public sealed record RuleList(IReadOnlyList<RuleDto> Items, string? NextCursor);

    public static RouteGroupBuilder MapKeywordRules(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/moderation/rules").WithTags("Trust and safety").RequireAuthorization(Policies.Moderator);
        rules.MapGet("/", List).WithSummary("The server's keyword rules, newest first (moderators and admins).");
        rules.MapPost("/", Add).WithSummary("Block (422 content_blocked) or report posts and messages with a word or phrase (admins).");
        rules.MapDelete("/{id}", Remove).WithSummary("Remove a keyword rule (admins).");
        return api;
    }

    private static IKeywordRulesGrain Rules(IGrainFactory grains) => grains.GetGrain<IKeywordRulesGrain>(0);

    internal static async Task<IResult> List(ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await Rules(grains).List(caller.UserId()!);
        return result.Outcome == ModerationOutcome.Done
            ? TypedResults.Ok(new RuleList(result.Value!.Select(RuleDto.From).ToList(), null))
            : ModerationHttp.Refusal(result);
    }

    internal static async Task<IResult> Add(RuleRequest body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var result = await Rules(grains).Add(caller.UserId()!, new KeywordRuleRequest(body.Phrase ?? "", body.WholeWord ?? true, body.Action ?? ""));
        return result.Outcome == ModerationOutcome.Done
            ? TypedResults.Created($"{ApiSetup.BasePath}/moderation/rules/{result.Value!.Id}", RuleDto.From(result.Value))
            : ModerationHttp.Refusal(result);
    }

    internal static async Task<IResult> Remove(string id, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (id.Length > 64) return ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such rule.");
        var result = await Rules(grains).Remove(caller.UserId()!, id);
        return result.Outcome == ModerationOutcome.Done ? TypedResults.NoContent() : ModerationHttp.Refusal(result);
    }
}
