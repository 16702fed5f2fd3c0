using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// Who may act on whom: a moderator on users of their own university, an admin on everyone. Read
/// from the moderator's own account each time (not from their token), so a revoked role stops
/// working at once.
/// </summary>
public static class ModeratorAuthority
{
    /// <summary>The moderator's account when it holds the moderator or admin role; otherwise null.</summary>
    public static async Task<AccountFacts?> ModeratorAsync(IGrainFactory grains, string moderatorId) =>
        await grains.GetGrain<IUserGrain>(moderatorId).GetFacts() is { IsModerator: true } facts ? facts : null;

    public static bool Covers(AccountFacts moderator, string university) => moderator.IsAdmin || moderator.University == university;

    /// <summary>Moderators do not act on admins, nor anyone on themselves.</summary>
    public static bool MayDecideAbout(AccountFacts moderator, string subjectId, string subjectUniversity, bool subjectIsAdmin) =>
        moderator.Profile.Id != subjectId && Covers(moderator, subjectUniversity) && (moderator.IsAdmin || !subjectIsAdmin);
}
