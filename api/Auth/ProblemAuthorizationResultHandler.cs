using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ChitLaq.Api.Auth;

/// <summary>A refused request answers problem+json; an unverified email gets its own code.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && result.AuthorizationFailure?.FailedRequirements.OfType<VerifiedEmailRequirement>().Any() == true)
        {
            await ApiProblems.Problem(StatusCodes.Status403Forbidden, ProblemCodes.EmailNotVerified,
                "Verify your university email first.",
                "Open the link in the verification email, or ask for a new one at /api/v1/auth/resend-verification.")
                .ExecuteAsync(context);
            return;
        }
        if (result.Forbidden && result.AuthorizationFailure?.FailedRequirements.OfType<Moderation.PublishingRequirement>().Any() == true
            && context.User.UserId() is { } userId)
        {
            var standing = await context.RequestServices.GetRequiredService<Moderation.AccountStandings>().GetAsync(userId);
            await Moderation.AccountProblems.Limited(standing).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
