using ChitLaq.Api.Auth;
using Microsoft.AspNetCore.Authorization;

namespace ChitLaq.Api.Moderation;

/// <summary>Posting, replying, messaging and uploading: refused (403 <c>account_limited</c>) while a moderator's limit lasts.</summary>
public sealed class PublishingRequirement : IAuthorizationRequirement;

internal sealed class PublishingHandler(AccountStandings standings, TimeProvider clock) : AuthorizationHandler<PublishingRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PublishingRequirement requirement)
    {
        if (context.User.UserId() is { } userId && !(await standings.GetAsync(userId)).IsLimitedAt(clock.GetUtcNow()))
            context.Succeed(requirement);
    }
}
