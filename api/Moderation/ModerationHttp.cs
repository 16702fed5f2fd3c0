using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Api.Moderation;

/// <summary>Turns a moderation grain's refusal into the contract's problem answers.</summary>
internal static class ModerationHttp
{
    public static IResult Refusal<T>(ModerationResult<T> result) => result.Outcome switch
    {
        ModerationOutcome.Invalid => ApiProblems.Validation(result.Errors!.ToDictionary()),
        ModerationOutcome.NotFound => ApiProblems.Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.", result.Detail),
        ModerationOutcome.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
            "You may not act on this.", result.Detail ?? "Moderators act on users of their own university; admins on everyone."),
        ModerationOutcome.Conflict => ApiProblems.Problem(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Not possible now.", result.Detail),
        _ => throw new InvalidOperationException("Not a refusal: " + result.Outcome),
    };

    public static IResult Forbidden() => ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
        "Moderators only.", "Only moderators and admins can do this.");

    /// <summary>Report ids are "r" and 31 hex digits; anything else cannot name a report.</summary>
    public static bool IsReportId(string id) => id.Length == 32 && id[0] == 'r' && id.Skip(1).All(char.IsAsciiHexDigitLower);

    public static bool IsDecisionId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
