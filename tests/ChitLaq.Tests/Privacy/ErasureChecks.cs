using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Privacy;

/// <summary>What an erased account may leave in the tables: nothing personal (each query names what it looks for).</summary>
internal static class ErasureChecks
{
    private static readonly (string What, string Sql)[] Leftovers =
    [
        ("directory row", "SELECT count(*) FROM users WHERE user_id = @id"),
        ("live posts", "SELECT count(*) FROM posts WHERE author_id = @id AND deleted_at IS NULL"),
        ("post texts", "SELECT count(*) FROM posts WHERE author_id = @id AND (text <> '' OR cardinality(media_ids) > 0 OR cardinality(hashtags) > 0)"),
        ("edit history", "SELECT count(*) FROM post_edits e JOIN posts p ON p.post_id = e.post_id WHERE p.author_id = @id"),
        ("likes", "SELECT count(*) FROM likes WHERE user_id = @id"),
        ("follows", "SELECT count(*) FROM follows WHERE follower_id = @id OR followee_id = @id"),
        ("follow requests", "SELECT count(*) FROM follow_requests WHERE requester_id = @id OR target_id = @id"),
        ("blocks", "SELECT count(*) FROM blocks WHERE blocker_id = @id OR blocked_id = @id"),
        ("mutes", "SELECT count(*) FROM mutes WHERE muter_id = @id OR muted_id = @id"),
        ("bookmarks", "SELECT count(*) FROM bookmarks WHERE user_id = @id"),
        ("reactions", "SELECT count(*) FROM message_reactions WHERE user_id = @id"),
        ("notifications", "SELECT count(*) FROM notifications WHERE user_id = @id OR actor_id = @id"),
        ("keyword filters", "SELECT count(*) FROM keyword_filters WHERE user_id = @id"),
        ("media", "SELECT count(*) FROM media WHERE owner_id = @id"),
        ("sessions", "SELECT count(*) FROM auth_sessions WHERE user_id = @id"),
        ("security events", "SELECT count(*) FROM audit_events WHERE user_id = @id AND event_type <> 'account_erased'"),
        ("exports", "SELECT count(*) FROM data_exports WHERE user_id = @id"),
        ("push devices", "SELECT count(*) FROM push_subscriptions WHERE user_id = @id"),
        ("group memberships", "SELECT count(*) FROM conversation_members m JOIN conversations c USING (conversation_id) WHERE m.user_id = @id AND m.left_at IS NULL AND c.kind = 'group'"),
    ];

    /// <summary>Each kind of row the account still has, with how many (empty when all is erased).</summary>
    public static async Task<Dictionary<string, long>> LeftoversAsync(TestDatabase database, string userId)
    {
        var left = new Dictionary<string, long>();
        foreach (var (what, sql) in Leftovers)
            if (await database.ScalarAsync<long>(sql, ("id", userId)) is var count and > 0) left[what] = count;
        return left;
    }

    public static Task<DateTime?> FinishedAtAsync(TestDatabase database, string userId) =>
        database.ScalarAsync<DateTime?>("SELECT finished_at FROM account_deletions WHERE user_id = @id", ("id", userId));
}
