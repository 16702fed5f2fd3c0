using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Moderation;

/// <summary>
/// After authentication, before anything else: an access token from before the account's current
/// token epoch (a suspension or ban raised it) is refused with 401 <c>token_revoked</c>; a
/// suspended or banned account may only use its restricted session (see
/// <see cref="RestrictedSessions.AllowsWhileSuspended"/>) — everything else, the hub included, is
/// 403 <c>account_suspended</c> with <c>until</c>. One dictionary look-up per request (see <see cref="AccountStandings"/>).
/// </summary>
internal sealed class AccountStandingGate(RequestDelegate next, AccountStandings standings, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.UserId() is not { } userId)
        {
            await next(context);
            return;
        }
        var standing = await standings.GetAsync(userId);
        if (RestrictedSessions.IsRevoked(context.User, standing))
        {
            await ApiProblems.Problem(StatusCodes.Status401Unauthorized, ProblemCodes.TokenRevoked,
                "This session was ended.", "Sign in again.").ExecuteAsync(context);
            return;
        }
        if (standing.IsRestrictedAt(clock.GetUtcNow()) && !RestrictedSessions.AllowsWhileSuspended(context.Request))
        {
            await AccountProblems.Suspended(standing).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
