using ChitLaq.Api.Auth;
using ChitLaq.Api.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Moderation;

/// <summary>
/// Keeps each hub connection in <see cref="HubConnections"/> (so a suspension can close it) and
/// checks the caller's standing on every hub call: a revoked token or a suspended account closes
/// the connection (<c>token_revoked</c> / <c>account_suspended</c>). A node that missed the
/// suspension notice still stops the connection at its next call after <see cref="AccountStandings.Freshness"/>.
/// </summary>
public sealed class AccountStandingHubFilter(AccountStandings standings, HubConnections connections, TimeProvider clock) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocation.Context;
        if (caller.User?.UserId() is { } userId)
        {
            var standing = await standings.GetAsync(userId);
            var revoked = RestrictedSessions.IsRevoked(caller.User, standing);
            if (revoked || standing.IsRestrictedAt(clock.GetUtcNow()))
            {
                caller.Abort();
                throw new HubException(revoked ? "token_revoked: sign in again" : "account_suspended: this account is suspended");
            }
        }
        return await next(invocation);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.UserIdentifier is { } userId) connections.Add(userId, context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.UserIdentifier is { } userId) connections.Remove(userId, context.Context.ConnectionId);
        await next(context, exception);
    }
}
