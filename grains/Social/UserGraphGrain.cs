using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;
using ChitLaq.Grains.Posts;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Social;

/// <summary>
/// One user's edges, counts, notifications and keyword filters. Nothing is kept in grain storage: the tables are
/// the truth, read once on activation (so counts heal themselves) and kept current in memory.
/// </summary>
[GrainType("user-graph")]
public sealed partial class UserGraphGrain(
    GraphStore graph,
    FollowRequestStore followRequests,
    NotificationStore notifications,
    PostHydrator hydrator,
    IUserEvents events,
    Moderation.ModerationStore moderation,
    Filters.KeywordFilterStore keywordFilters,
    Push.PushNotices pushes,
    IOptions<FeedOptions> feeds,
    TimeProvider clock) : Grain, IUserGraphGrain, Abstractions.Filters.IKeywordFiltersGrain
{
    private GraphStore.Relations _relations = null!;
    private int _posts;

    private string Me => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    private ITimelineGrain MyTimeline => GrainFactory.GetGrain<ITimelineGrain>(Me);
    private IUserGraphGrain Graph(string userId) => GrainFactory.GetGrain<IUserGraphGrain>(userId);

    /// <summary>Who may see my presence changed: my presence grain re-reads its audience at the next status change.</summary>
    private Task MyPresenceAudienceChanged() => GrainFactory.GetGrain<Abstractions.Chat.IUserPresenceGrain>(Me).AudienceChanged();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _relations = await graph.LoadAsync(Me);
        _posts = _relations.Posts;
        await LoadKeywordFilters();
    }

    public Task<GraphCounts> GetCounts() => Task.FromResult(new GraphCounts(_relations.Followers, _relations.Following, _posts));

    public Task<FeedFilter> GetFeedFilter() => Task.FromResult(new FeedFilter(
        new HashSet<string>(_relations.Blocked.Concat(_relations.BlockedBy).Concat(_relations.Muted)),
        new HashSet<string>(_relations.Blocked.Concat(_relations.BlockedBy)),
        _keywordFilters));

    public async Task<RelationFlags> RelationTo(string otherId)
    {
        if (otherId == Me) return new RelationFlags(false, false, false, false);
        var (iFollow, followsMe) = await graph.FollowStateAsync(Me, otherId);
        return new RelationFlags(iFollow, followsMe, _relations.Blocked.Contains(otherId), _relations.Muted.Contains(otherId),
            !iFollow && await followRequests.ExistsAsync(Me, otherId));
    }

    public async Task<GraphOutcome> Follow(string targetId)
    {
        if (await Check(targetId) is { } refused) return refused;
        if (await AskIfLocked(targetId) is { } asked) return asked;
        return await FollowNow(targetId);
    }

    /// <summary>
    /// Makes sure the other side's grain has loaded its counts before an edge it counts changes:
    /// an activation caused by the change's own notice would read the table with the change in it
    /// and then apply the notice again (a follower counted twice, or an unfollow taken off twice).
    /// </summary>
    private Task CountsLoadedAt(string otherId) => Graph(otherId).GetCounts();

    private async Task<GraphOutcome> FollowNow(string targetId)
    {
        await CountsLoadedAt(targetId);
        var added = await graph.FollowAsync(Me, targetId, Now);
        if (added is null) return GraphOutcome.Blocked;
        if (added.Value)
        {
            _relations = _relations with { Following = _relations.Following + 1 };
            await Graph(targetId).FollowerAdded(Me);
            await MyTimeline.FolloweeAdded(targetId);
        }
        return GraphOutcome.Done;
    }

    public async Task<GraphOutcome> Unfollow(string targetId)
    {
        if (await Check(targetId) is { } refused and not GraphOutcome.Blocked) return refused;
        await followRequests.RemoveAsync(Me, targetId); // unfollowing a locked account one only asked to follow cancels the request
        await CountsLoadedAt(targetId);
        if (await graph.UnfollowAsync(Me, targetId))
        {
            _relations = _relations with { Following = _relations.Following - 1 };
            await Graph(targetId).FollowerRemoved(Me);
            await MyTimeline.FolloweeRemoved(targetId);
        }
        return GraphOutcome.Done;
    }

    public async Task<GraphOutcome> Block(string targetId)
    {
        if (await Check(targetId) is { } refused and not GraphOutcome.Blocked) return refused;
        await CountsLoadedAt(targetId);
        var change = await graph.BlockAsync(Me, targetId, Now);
        _relations.Blocked.Add(targetId);
        _relations = _relations with
        {
            Following = _relations.Following - (change.RemovedMyFollow ? 1 : 0),
            Followers = _relations.Followers - (change.RemovedTheirFollow ? 1 : 0),
        };
        await Graph(targetId).BlockedBy(Me, blockerFollowedMe: change.RemovedMyFollow, iFollowedBlocker: change.RemovedTheirFollow);
        await MyPresenceAudienceChanged();
        await MyTimeline.FolloweeRemoved(targetId);
        await MyTimeline.FilterChanged();
        return GraphOutcome.Done;
    }

    public async Task<GraphOutcome> Unblock(string targetId)
    {
        if (await Check(targetId) is { } refused and not GraphOutcome.Blocked) return refused;
        if (await graph.UnblockAsync(Me, targetId))
        {
            _relations.Blocked.Remove(targetId);
            await Graph(targetId).UnblockedBy(Me);
            await MyPresenceAudienceChanged();
            await MyTimeline.FilterChanged();
        }
        return GraphOutcome.Done;
    }

    public Task<GraphOutcome> Mute(string targetId) => SetMute(targetId, true);

    public Task<GraphOutcome> Unmute(string targetId) => SetMute(targetId, false);

    private async Task<GraphOutcome> SetMute(string targetId, bool mute)
    {
        if (await Check(targetId) is { } refused and not GraphOutcome.Blocked) return refused;
        if (await graph.MuteAsync(Me, targetId, Now, mute))
        {
            if (mute) _relations.Muted.Add(targetId); else _relations.Muted.Remove(targetId);
            await MyTimeline.FilterChanged();
        }
        return GraphOutcome.Done;
    }

    public async Task FollowerAdded(string followerId)
    {
        _relations = _relations with { Followers = _relations.Followers + 1 };
        if (_relations.Followers == feeds.Value.BigAccountFollowers + 1) await graph.SetBigAccountAsync(Me, true, Now);
        await MyPresenceAudienceChanged();
        await Notify(new NotificationRequest(NotificationTypes.Follow, followerId, null));
    }

    public async Task FollowerRemoved(string followerId)
    {
        _relations = _relations with { Followers = _relations.Followers - 1 };
        if (_relations.Followers == feeds.Value.BigAccountFollowers) await graph.SetBigAccountAsync(Me, false, Now);
        await MyPresenceAudienceChanged();
    }

    public async Task BlockedBy(string blockerId, bool blockerFollowedMe, bool iFollowedBlocker)
    {
        _relations.BlockedBy.Add(blockerId);
        _relations = _relations with
        {
            Followers = _relations.Followers - (blockerFollowedMe ? 1 : 0),
            Following = _relations.Following - (iFollowedBlocker ? 1 : 0),
        };
        await MyPresenceAudienceChanged();
        await MyTimeline.FolloweeRemoved(blockerId);
        await MyTimeline.FilterChanged();
    }

    public async Task UnblockedBy(string blockerId)
    {
        _relations.BlockedBy.Remove(blockerId);
        await MyPresenceAudienceChanged();
        await MyTimeline.FilterChanged();
    }

    public Task PostsChanged(int delta)
    {
        _posts = Math.Max(0, _posts + delta);
        return Task.CompletedTask;
    }

    public Task<PeoplePage> GetFollowers(string? viewerId, string? cursor, int limit) => Edges(viewerId, followers: true, cursor, limit);

    public Task<PeoplePage> GetFollowing(string? viewerId, string? cursor, int limit) => Edges(viewerId, followers: false, cursor, limit);

    private async Task<PeoplePage> Edges(string? viewerId, bool followers, string? cursor, int limit)
    {
        if (viewerId != Me)
        {
            var profile = await GrainFactory.GetGrain<IUserGrain>(Me).GetProfile();
            if (profile is null || profile.Hidden || (viewerId is not null && _relations.BlockedBy.Contains(viewerId))) return new PeoplePage(GraphOutcome.NotFound);
            // Like its posts, a locked account's circle is for its approved followers.
            if (profile.Locked && (viewerId is null || !(await graph.FollowStateAsync(viewerId, Me)).IFollow)) return new PeoplePage(GraphOutcome.FollowersOnly);
        }
        var (ids, next) = await graph.PageAsync(Me, followers, Cursors.DecodeTimeAndId(cursor), limit);
        return new PeoplePage(GraphOutcome.Done, await ProfilesPage(ids, next));
    }

    /// <summary>A page of people (hidden accounts left out) from a newest-first page of their ids.</summary>
    private async Task<Page<UserProfile>> ProfilesPage(List<string> ids, (DateTimeOffset, string)? next)
    {
        var profiles = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetProfile()));
        return new Page<UserProfile>(profiles.OfType<UserProfile>().Where(p => !p.Hidden).ToArray(),
            next is { } position ? Cursors.EncodeTimeAndId(position.Item1, position.Item2) : null);
    }

    public async Task Notify(NotificationRequest request)
    {
        // Moderation notices come from the user's own account grain; nothing can block or mute them.
        var moderationNotice = request.Type == NotificationTypes.Moderation && request.ActorId == Me && request.DecisionId is not null;
        if (!moderationNotice && (request.ActorId == Me || _relations.Blocked.Contains(request.ActorId)
            || _relations.BlockedBy.Contains(request.ActorId) || _relations.Muted.Contains(request.ActorId))) return;
        var id = await notifications.InsertAsync(Me, request.Type, request.ActorId, request.PostId, Now, request.DecisionId);
        var view = await ViewsOf([new NotificationStore.Row(id, request.Type, request.ActorId, request.PostId, Now, false, request.DecisionId)]);
        if (view.Count == 1)
        {
            await events.NotificationAsync(Me, view[0]);
            await pushes.NotificationAsync(Me, view[0]);
        }
    }

    public async Task<Page<NotificationView>> GetNotifications(string? cursor, int limit)
    {
        var rows = await notifications.PageAsync(Me, Cursors.Decode(cursor), limit);
        var page = rows.Take(limit).ToList();
        var views = await ViewsOf(page.Where(r => !_relations.Blocked.Contains(r.ActorId) && !_relations.BlockedBy.Contains(r.ActorId)
                                                  && !_relations.Muted.Contains(r.ActorId)).ToList());
        return new Page<NotificationView>(views, rows.Count > limit ? Cursors.Encode(page[^1].Id) : null);
    }

    public async Task MarkNotificationsRead(string upToId) => await notifications.MarkReadAsync(Me, upToId, Now);

    private async Task<List<NotificationView>> ViewsOf(List<NotificationStore.Row> rows)
    {
        var filter = await GetFeedFilter();
        var postIds = rows.Select(r => r.PostId).OfType<string>().Distinct().ToArray();
        var posts = (await hydrator.HydrateAsync(postIds, Me, filter.In(FilterContexts.Notifications))).ToDictionary(p => p.Id);
        var actors = (await Task.WhenAll(rows.Select(r => r.ActorId).Distinct().Select(id => GrainFactory.GetGrain<IUserGrain>(id).GetProfile())))
            .OfType<UserProfile>().Where(p => !p.Hidden || p.Id == Me).ToDictionary(p => p.Id);
        var decisions = new Dictionary<string, Abstractions.Moderation.DecisionView>();
        foreach (var row in rows.Where(r => r.DecisionId is not null && actors.ContainsKey(Me)))
            if (await moderation.LoadDecisionAsync(row.DecisionId!) is { } decision && decision.UserId == Me)
                decisions[row.DecisionId!] = Moderation.ModerationViewBuilder.Decision(decision, actors[Me], forModerators: false, Now);
        return rows
            .Where(r => actors.ContainsKey(r.ActorId) && (r.PostId is null || posts.ContainsKey(r.PostId))
                        && (r.DecisionId is null || decisions.ContainsKey(r.DecisionId)))
            .Select(r => new NotificationView(r.Id, r.Type, actors[r.ActorId], r.PostId is null ? null : posts[r.PostId], r.CreatedAt, r.Read,
                r.DecisionId is null ? null : decisions[r.DecisionId]))
            .ToList();
    }

    /// <returns>null when the target can be acted on; otherwise why not.</returns>
    private async Task<GraphOutcome?> Check(string targetId)
    {
        if (targetId == Me) return GraphOutcome.Self;
        if (!await GrainFactory.GetGrain<IUserGrain>(targetId).IsRegistered()) return GraphOutcome.NotFound;
        return _relations.Blocked.Contains(targetId) || _relations.BlockedBy.Contains(targetId) ? GraphOutcome.Blocked : null;
    }
}
