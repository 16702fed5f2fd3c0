using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task<SignedIn?> Refresh(string refreshSecret, ClientInfo client)
    {
        if (!Account.IsRegistered) return null;
        var rotation = await sessions.RotateAsync(UserId, refreshSecret, client, Now, Rules.SessionIdleLifetime);
        switch (rotation.Outcome)
        {
            case SessionStore.RotationOutcome.Rotated:
                return await SignedInAsync(rotation.Next!);
            case SessionStore.RotationOutcome.Reused:
                await audit.RecordAsync(AuditLog.Events.RefreshReuseDetected, UserId, client, new { session = rotation.SessionId });
                return null;
            default:
                return null;
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
