using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;

namespace ChitLaq.Grains.Social;

/// <summary>
/// Follow requests (API.md "Privacy and account control"): following a locked account asks it
/// first; the account approves (the follow is made by the requester's grain, as any follow),
/// rejects, or unlocks, which approves everyone waiting. Unfollowing cancels a request.
/// </summary>
public sealed partial class UserGraphGrain
{
    /// <returns>Requested when the target is locked and we do not follow it yet; null to follow at once.</returns>
    private async Task<GraphOutcome?> AskIfLocked(string targetId)
    {
        var target = await GrainFactory.GetGrain<IUserGrain>(targetId).GetProfile();
        if (target is not { Locked: true }) return null;
        if ((await graph.FollowStateAsync(Me, targetId)).IFollow) return GraphOutcome.Done;
        if (await followRequests.RequestAsync(Me, targetId, Now)) await Graph(targetId).FollowRequested(Me);
        return GraphOutcome.Requested;
    }

    public Task FollowRequested(string requesterId) => Notify(new NotificationRequest(NotificationTypes.FollowRequest, requesterId, null));

    public async Task FollowApproved(string targetId)
    {
        if (_relations.Blocked.Contains(targetId) || _relations.BlockedBy.Contains(targetId)) return;
        await FollowNow(targetId);
    }

    public async Task<Page<UserProfile>> GetFollowRequests(string? cursor, int limit)
    {
        var (ids, next) = await followRequests.PageAsync(Me, Cursors.DecodeTimeAndId(cursor), limit);
        return await ProfilesPage(ids, next);
    }

    public async Task<GraphOutcome> ApproveFollowRequest(string requesterId)
    {
        if (!await followRequests.RemoveAsync(requesterId, Me)) return GraphOutcome.NotFound;
        await Graph(requesterId).FollowApproved(Me);
        return GraphOutcome.Done;
    }

    public async Task<GraphOutcome> RejectFollowRequest(string requesterId) =>
        await followRequests.RemoveAsync(requesterId, Me) ? GraphOutcome.Done : GraphOutcome.NotFound;

    public async Task ApproveAllFollowRequests()
    {
        foreach (var requesterId in await followRequests.AllForAsync(Me)) await ApproveFollowRequest(requesterId);
    }
}
