using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    /// <summary>Grants or revokes moderator/admin; every account keeps the student role. Audited with the actor.</summary>
    public async Task<RoleChangeOutcome> SetRole(string role, bool granted, string? actorUserId, ClientInfo client)
    {
        if (!Account.IsRegistered) return RoleChangeOutcome.NotFound;
        if (!Roles.IsKnown(role) || role == Roles.Student) return RoleChangeOutcome.UnknownRole;
        if (Account.Roles.Contains(role) == granted) return RoleChangeOutcome.Unchanged;

        if (granted) Account.Roles.Add(role);
        else Account.Roles.Remove(role);
        await SaveAsync();
        await audit.RecordAsync(granted ? AuditLog.Events.RoleGranted : AuditLog.Events.RoleRevoked, UserId, client,
            new { role, by = actorUserId });
        return RoleChangeOutcome.Changed;
    }
}
