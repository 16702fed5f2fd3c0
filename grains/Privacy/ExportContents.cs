namespace ChitLaq.Grains.Privacy;

/// <summary>
/// The tables of a data export (API.md: profile, posts, media, follows, blocks, mutes, bookmarks
/// and the messages the user sent; also conversations, follow requests and keyword filters): one
/// JSON file each, from one query with <c>$1</c> = the user id. Column aliases are the JSON names;
/// <c>json</c> columns are copied as they are. Every query is served by an index on the user.
/// </summary>
internal static class ExportContents
{
    public sealed record Table(string FileName, string Description, string Sql);

    public static readonly Table[] Tables =
    [
        new("posts.json", "Your posts, replies and reposts (not deleted ones), with every earlier text of an edited post.", """
            SELECT p.post_id AS "id", p.text AS "text", p.audience AS "audience", p.hashtags AS "hashtags", p.mentions AS "mentions",
                   p.media_ids AS "mediaIds", p.reply_to_id AS "replyToId", p.repost_of_id AS "repostOfId",
                   p.created_at AS "createdAt", p.edited_at AS "editedAt",
                   p.like_count AS "likeCount", p.reply_count AS "replyCount", p.repost_count AS "repostCount",
                   (SELECT COALESCE(json_agg(json_build_object('text', e.text, 'replacedAt', e.edited_at) ORDER BY e.edited_at), '[]'::json)
                    FROM post_edits e WHERE e.post_id = p.post_id) AS "earlierTexts"
            FROM posts p WHERE p.author_id = $1 AND p.deleted_at IS NULL ORDER BY p.post_id
            """),
        new("media.json", "The images you uploaded; each file is in media/ under its id.", """
            SELECT media_id AS "id", content_type AS "contentType", width AS "width", height AS "height", bytes AS "bytes",
                   attached_to AS "attachedTo", created_at AS "createdAt",
                   'media/' || media_id || substring(file_key from '\.[a-z]+$') AS "file"
            FROM media WHERE owner_id = $1 AND released_at IS NULL ORDER BY created_at, media_id
            """),
        new("following.json", "The accounts you follow.", """
            SELECT f.followee_id AS "userId", u.handle AS "handle", f.created_at AS "since"
            FROM follows f LEFT JOIN users u ON u.user_id = f.followee_id WHERE f.follower_id = $1 ORDER BY f.created_at
            """),
        new("followers.json", "The accounts that follow you.", """
            SELECT f.follower_id AS "userId", u.handle AS "handle", f.created_at AS "since"
            FROM follows f LEFT JOIN users u ON u.user_id = f.follower_id WHERE f.followee_id = $1 ORDER BY f.created_at
            """),
        new("follow_requests_sent.json", "Your requests to follow locked accounts that are still waiting.", """
            SELECT r.target_id AS "userId", u.handle AS "handle", r.created_at AS "since"
            FROM follow_requests r LEFT JOIN users u ON u.user_id = r.target_id WHERE r.requester_id = $1 ORDER BY r.created_at
            """),
        new("blocks.json", "The accounts you block.", """
            SELECT b.blocked_id AS "userId", u.handle AS "handle", b.created_at AS "since"
            FROM blocks b LEFT JOIN users u ON u.user_id = b.blocked_id WHERE b.blocker_id = $1 ORDER BY b.created_at
            """),
        new("mutes.json", "The accounts you mute.", """
            SELECT m.muted_id AS "userId", u.handle AS "handle", m.created_at AS "since"
            FROM mutes m LEFT JOIN users u ON u.user_id = m.muted_id WHERE m.muter_id = $1 ORDER BY m.created_at
            """),
        new("bookmarks.json", "The posts you bookmarked.", """
            SELECT post_id AS "postId", created_at AS "savedAt" FROM bookmarks WHERE user_id = $1 ORDER BY created_at
            """),
        new("conversations.json", "The conversations you are or were in.", """
            SELECT c.conversation_id AS "id", c.kind AS "kind", c.title AS "title", m.joined_at AS "joinedAt", m.left_at AS "leftAt"
            FROM conversation_members m JOIN conversations c ON c.conversation_id = m.conversation_id
            WHERE m.user_id = $1 ORDER BY m.joined_at
            """),
        new("messages.json", "The messages you sent (not deleted ones).", """
            SELECT m.conversation_id AS "conversationId", m.seq AS "seq", m.message_id AS "id", m.text AS "text",
                   m.sent_at AS "sentAt", m.edited_at AS "editedAt"
            FROM messages m
            WHERE m.conversation_id IN (SELECT conversation_id FROM conversation_members WHERE user_id = $1)
              AND m.sender_id = $1 AND NOT m.deleted
            ORDER BY m.conversation_id, m.seq
            """),
        new("reactions.json", "Your reactions to messages.", """
            SELECT conversation_id AS "conversationId", seq AS "seq", emoji AS "emoji", created_at AS "createdAt"
            FROM message_reactions WHERE user_id = $1 ORDER BY created_at
            """),
        new("keyword_filters.json", "Your keyword filters.", """
            SELECT filter_id AS "id", phrase AS "phrase", whole_word AS "wholeWord", contexts AS "contexts", action AS "action",
                   expires_at AS "expiresAt", created_at AS "createdAt"
            FROM keyword_filters WHERE user_id = $1 ORDER BY created_at
            """),
    ];

    /// <summary>The image files to copy into <c>media/</c> (the same rows as media.json).</summary>
    public const string MediaFiles = """
        SELECT 'media/' || media_id || substring(file_key from '\.[a-z]+$'), file_key
        FROM media WHERE owner_id = $1 AND released_at IS NULL ORDER BY created_at, media_id
        """;
}
