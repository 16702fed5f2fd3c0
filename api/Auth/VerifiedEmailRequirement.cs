using ChitLaq.Grains.Abstractions.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Auth;

/// <summary>Writes need a verified email (unless <c>Auth:RequireVerifiedEmail</c> is off).</summary>
public sealed class VerifiedEmailRequirement : IAuthorizationRequirement;

/// <summary>
/// Trusts the token's claim when it says "verified"; otherwise asks the user grain, so that a
/// student who verifies a minute after signing in can post without signing in again.
/// </summary>
internal sealed class VerifiedEmailHandler(IGrainFactory grains, IOptions<VerifiedEmailOptions> options)
    : AuthorizationHandler<VerifiedEmailRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, VerifiedEmailRequirement requirement)
    {
        if (!options.Value.Required || context.User.FindFirst(ChitLaqClaims.EmailVerified)?.Value == "true")
        {
            context.Succeed(requirement);
            return;
        }
        if (context.User.UserId() is { } userId && await grains.GetGrain<IUserGrain>(userId).IsEmailVerified())
            context.Succeed(requirement);
    }
}

/// <summary><c>Auth:RequireVerifiedEmail</c> (default true).</summary>
public sealed class VerifiedEmailOptions
{
    public bool Required { get; set; } = true;
}
