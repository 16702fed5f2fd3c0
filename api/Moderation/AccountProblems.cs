using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChitLaq.Api.Moderation;

/// <summary>The answers of a restricted account: 403 <c>account_suspended</c> and <c>account_limited</c>, with <c>until</c>.</summary>
public static class AccountProblems
{
    public static ProblemHttpResult Suspended(AccountStanding standing) => With(
        ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.AccountSuspended,
            standing.State == AccountStanding.Banned ? "This account is banned." : "This account is suspended.",
            "You can read the decision at /api/v1/decisions/mine and appeal it."), standing);

    public static ProblemHttpResult Limited(AccountStanding standing) => With(
        ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.AccountLimited,
            "This account is limited.", "You can read, but not post, reply, message or upload until the limit ends."), standing);

    private static ProblemHttpResult With(ProblemHttpResult problem, AccountStanding standing)
    {
        problem.ProblemDetails.Extensions["until"] = standing.Until;
        return problem;
    }
}
