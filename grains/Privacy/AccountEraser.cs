using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// Erases one account whose grace period is over (API.md "Privacy and account control"), as a
/// list of steps that are each safe to run again: a node that dies mid-way leaves the job to
/// another, which starts at the first step not recorded as done. Whatever has an owning grain is
/// undone through it, so counts, timelines, the search index and caches heal the way they do for
/// the user's own unfollow or delete; the rows a grain did not remove are then removed directly
/// (e.g. edges to an account erased before). The account itself goes last, so until then the
/// other grains still see a registered user to act on.
/// </summary>
public sealed class AccountEraser(
    IGrainFactory grains, ErasureStore store, AccountJobStore jobs, ExportArchiveStore archives, MediaJanitor mediaJanitor,
    IOptions<AccountLifecycleOptions> options, TimeProvider clock, ILogger<AccountEraser> logger)
{
    private sealed record Step(string Name, Func<string, Func<Task>, Task> Run);

    private AccountLifecycleOptions Rules => options.Value;

    private Step[] Steps =>
    [
        // Posts, replies and reposts: out of every feed, thread, search result and count.
        Paged("posts", "SELECT post_id FROM posts WHERE author_id = $1 AND deleted_at IS NULL ORDER BY post_id LIMIT $2",
            (user, id) => grains.GetGrain<IPostGrain>(id).Delete(user, actorIsModerator: false),
            "UPDATE posts SET deleted_at = $3 WHERE author_id = $1 AND post_id = ANY($2) AND deleted_at IS NULL"),
        Paged("likes", "SELECT post_id FROM likes WHERE user_id = $1 LIMIT $2",
            (user, id) => grains.GetGrain<IPostGrain>(id).Unlike(user),
            "DELETE FROM likes WHERE user_id = $1 AND post_id = ANY($2)"),
        Paged("following", "SELECT followee_id FROM follows WHERE follower_id = $1 LIMIT $2",
            (user, id) => Graph(user).Unfollow(id),
            "DELETE FROM follows WHERE follower_id = $1 AND followee_id = ANY($2)"),
        Paged("followers", "SELECT follower_id FROM follows WHERE followee_id = $1 LIMIT $2",
            (user, id) => Graph(id).Unfollow(user),
            "DELETE FROM follows WHERE followee_id = $1 AND follower_id = ANY($2)"),
        Paged("follow requests received", "SELECT requester_id FROM follow_requests WHERE target_id = $1 LIMIT $2",
            (user, id) => Graph(user).RejectFollowRequest(id),
            "DELETE FROM follow_requests WHERE target_id = $1 AND requester_id = ANY($2)"),
        Paged("follow requests sent", "SELECT target_id FROM follow_requests WHERE requester_id = $1 LIMIT $2",
            (user, id) => Graph(user).Unfollow(id),
            "DELETE FROM follow_requests WHERE requester_id = $1 AND target_id = ANY($2)"),
        Paged("blocks made", "SELECT blocked_id FROM blocks WHERE blocker_id = $1 LIMIT $2",
            (user, id) => Graph(user).Unblock(id),
            "DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = ANY($2)"),
        Paged("blocks received", "SELECT blocker_id FROM blocks WHERE blocked_id = $1 LIMIT $2",
            (user, id) => Graph(id).Unblock(user),
            "DELETE FROM blocks WHERE blocked_id = $1 AND blocker_id = ANY($2)"),
        Paged("mutes made", "SELECT muted_id FROM mutes WHERE muter_id = $1 LIMIT $2",
            (user, id) => Graph(user).Unmute(id),
            "DELETE FROM mutes WHERE muter_id = $1 AND muted_id = ANY($2)"),
        Paged("mutes received", "SELECT muter_id FROM mutes WHERE muted_id = $1 LIMIT $2",
            (user, id) => Graph(id).Unmute(user),
            "DELETE FROM mutes WHERE muted_id = $1 AND muter_id = ANY($2)"),
        // Groups are left (the others are told); a direct conversation stays the partner's, showing "Deleted account".
        Paged("groups", """
            SELECT m.conversation_id FROM conversation_members m JOIN conversations c ON c.conversation_id = m.conversation_id
            WHERE m.user_id = $1 AND m.left_at IS NULL AND c.kind = 'group' LIMIT $2
            """,
            (user, id) => grains.GetGrain<IConversationGrain>(id).RemoveMember(user, user),
            "UPDATE conversation_members SET left_at = $3 WHERE user_id = $1 AND conversation_id = ANY($2) AND left_at IS NULL"),
        new("media", async (user, _) =>
        {
            await store.ReleaseMediaAsync(user, clock.GetUtcNow());
            await mediaJanitor.SweepAsync();
        }),
        new("exports", async (user, _) =>
        {
            foreach (var key in await jobs.DeleteExportsOfAsync(user)) archives.Delete(key);
        }),
        new("sweep", (user, _) => store.SweepAsync(user)),
        new("account", (user, _) => grains.GetGrain<IUserGrain>(user).CompleteErasure()),
    ];

    /// <summary>Runs the job from <paramref name="firstStep"/>; each finished step is recorded (and the claim renewed).</summary>
    public async Task RunAsync(string userId, int firstStep, CancellationToken cancellation)
    {
        var decision = await grains.GetGrain<IUserGrain>(userId).BeginErasure();
        switch (decision.Permit)
        {
            case ErasurePermit.Cancelled:
                await jobs.CancelDeletionAsync(userId);
                return;
            case ErasurePermit.NotYet:
                await jobs.PostponeDeletionAsync(userId, decision.EraseAt ?? clock.GetUtcNow() + Rules.PollInterval);
                return;
        }
        await jobs.ErasureStartedAsync(userId, clock.GetUtcNow());

        var started = clock.GetTimestamp();
        var steps = Steps;
        for (var index = firstStep; index < steps.Length; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            var done = index;
            await steps[index].Run(userId, () => jobs.RecordErasureProgressAsync(userId, done, clock.GetUtcNow() + Rules.JobLease));
            await jobs.RecordErasureProgressAsync(userId, index + 1, clock.GetUtcNow() + Rules.JobLease);
            logger.LogDebug("Erasure of {UserId}: {Step} done", userId, steps[index].Name);
        }
        await jobs.FinishDeletionAsync(userId, clock.GetUtcNow());
        logger.LogInformation("Account {UserId} erased in {Elapsed} ms (from step {FirstStep})", userId,
            (long)clock.GetElapsedTime(started).TotalMilliseconds, firstStep);
    }

    private IUserGraphGrain Graph(string userId) => grains.GetGrain<IUserGraphGrain>(userId);

    /// <summary>A step over pages of ids: each id through its grain, then the page's leftovers removed; until no page is left.</summary>
    private Step Paged<T>(string name, string pageSql, Func<string, string, Task<T>> undo, string cleanUpSql) => new(name, async (user, renew) =>
    {
        while (true)
        {
            var page = await store.PageAsync(pageSql, user, Rules.EraseBatch);
            if (page.Count == 0) return;
            foreach (var id in page) await undo(user, id);
            await store.CleanUpAsync(cleanUpSql, user, page, clock.GetUtcNow());
            await renew();
            if (Rules.ErasePause > TimeSpan.Zero) await Task.Delay(Rules.ErasePause, clock);
        }
    });
}
