using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Api.Chat;

/// <summary>API.md "Message", with "Chat essentials": <c>replyTo</c>, <c>media</c>, <c>reactions</c>, <c>pinned</c>.</summary>
public sealed record MessageDto(string Id, string ConversationId, long Seq, UserDto Sender, string Text, string ClientMessageId,
    DateTimeOffset SentAt, DateTimeOffset? EditedAt, bool Deleted, MessageQuoteDto? ReplyTo, IReadOnlyList<Posts.MediaDto> Media,
    IReadOnlyList<ReactionDto> Reactions, bool Pinned)
{
    /// <summary>The message as <paramref name="viewerId"/> sees it (<c>reactedByMe</c> is theirs).</summary>
    public static MessageDto From(MessageView m, string? viewerId) =>
        new(m.Id, m.ConversationId, m.Seq, UserDto.From(m.Sender), m.Text, m.ClientMessageId, m.SentAt, m.EditedAt, m.Deleted,
            m.ReplyTo is { } q ? new MessageQuoteDto(q.Seq, q.Text, UserDto.From(q.Sender), q.Deleted) : null,
            (m.Media ?? []).Select(Posts.MediaDto.From).ToList(),
            (m.Reactions ?? []).Select(r => new ReactionDto(r.Emoji, r.UserIds.Count, viewerId is not null && r.UserIds.Contains(viewerId))).ToList(),
            m.Pinned);
}

/// <summary>The message a reply answers: its seq, text and sender; a deleted one has no text and <c>deleted: true</c>.</summary>
public sealed record MessageQuoteDto(long Seq, string Text, UserDto Sender, bool Deleted);

public sealed record ReactionDto(string Emoji, int Count, bool ReactedByMe);

/// <summary>API.md "Conversation".</summary>
/// <summary>
/// API.md "Conversation", plus <c>receipts</c>: every member's delivered and read position (on
/// GET /conversations/{id} and hub events; empty in lists), so ticks are right after a reload.
/// </summary>
public sealed record ConversationDto(string Id, string Kind, string? Title, IReadOnlyList<UserDto> Members, IReadOnlyList<string> Admins,
    MessageDto? LastMessage, long UnreadCount, long LastReadSeq, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<MemberReceiptsDto> Receipts, DateTimeOffset? MutedUntil)
{
    public static ConversationDto From(ConversationView c, string? viewerId) =>
        new(c.Id, c.Kind, c.Title, c.Members.Select(UserDto.From).ToArray(), c.Admins, c.LastMessage is null ? null : MessageDto.From(c.LastMessage, viewerId),
            c.UnreadCount, c.LastReadSeq, c.CreatedAt, c.UpdatedAt,
            (c.Receipts ?? []).Select(r => new MemberReceiptsDto(r.UserId, r.DeliveredSeq, r.ReadSeq)).ToArray(), c.MutedUntil);
}

/// <summary>GET /conversations/unread: what the chat badge shows.</summary>
public sealed record UnreadDto(long Conversations, long Messages);

public sealed record MemberReceiptsDto(string UserId, long DeliveredSeq, long ReadSeq);

public sealed record TypingDto(string ConversationId, UserDto User, DateTimeOffset ExpiresAt)
{
    public static TypingDto From(TypingView t) => new(t.ConversationId, UserDto.From(t.User), t.ExpiresAt);
}

public sealed record ConversationEventDto(string ConversationId, string Change, ConversationDto? Conversation)
{
    public static ConversationEventDto From(ConversationChange c, string? viewerId) =>
        new(c.ConversationId, c.Change, c.Conversation is null ? null : ConversationDto.From(c.Conversation, viewerId));
}
