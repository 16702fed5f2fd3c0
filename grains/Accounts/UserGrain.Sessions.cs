using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    private readonly SessionRefreshCounter _refreshes = new();

    public async Task<RefreshResult> Refresh(string refreshSecret, ClientInfo client)
    {
        if (!Account.IsRegistered) return new RefreshResult(RefreshOutcome.Invalid);
        var rotation = await sessions.RotateAsync(UserId, refreshSecret, client, Now, Rules.SessionIdleLifetime,
            sessionId => _refreshes.TryCount(sessionId, Now, refreshLimit.Value));
        switch (rotation.Outcome)
        {
            case SessionStore.RotationOutcome.Rotated:
                return new RefreshResult(RefreshOutcome.Refreshed, await SignedInAsync(rotation.Next!));
            case SessionStore.RotationOutcome.Throttled:
                return new RefreshResult(RefreshOutcome.Throttled, RetryAfter: rotation.RetryAfter);
            case SessionStore.RotationOutcome.Reused:
                await audit.RecordAsync(AuditLog.Events.RefreshReuseDetected, UserId, client, new { session = rotation.SessionId });
                return new RefreshResult(RefreshOutcome.Invalid);
            default:
                return new RefreshResult(RefreshOutcome.Invalid);
        }
    }

    public async Task SignOut(string refreshSecret, ClientInfo client)
    {
        if (!Account.IsRegistered) return;
        if (await sessions.EndBySecretAsync(UserId, refreshSecret, Now) is { } sessionId)
            await audit.RecordAsync(AuditLog.Events.Logout, UserId, client, new { session = sessionId });
    }

    public async Task<IReadOnlyList<SessionInfo>> ListSessions() =>
        Account.IsRegistered ? await sessions.ListActiveAsync(UserId, Now) : [];

    public async Task<bool> RevokeSession(Guid sessionId, ClientInfo client)
    {
        if (!Account.IsRegistered || !await sessions.EndAsync(UserId, sessionId, Now, "revoked_by_user")) return false;
        await audit.RecordAsync(AuditLog.Events.SessionRevoked, UserId, client, new { session = sessionId });
        return true;
    }
}
