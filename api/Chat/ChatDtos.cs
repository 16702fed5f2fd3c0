using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Api.Chat;

/// <summary>API.md "Message".</summary>
public sealed record MessageDto(string Id, string ConversationId, long Seq, UserDto Sender, string Text, string ClientMessageId,
    DateTimeOffset SentAt, DateTimeOffset? EditedAt, bool Deleted)
{
    public static MessageDto From(MessageView m) =>
        new(m.Id, m.ConversationId, m.Seq, UserDto.From(m.Sender), m.Text, m.ClientMessageId, m.SentAt, m.EditedAt, m.Deleted);
}

/// <summary>API.md "Conversation".</summary>
/// <summary>
/// API.md "Conversation", plus <c>receipts</c>: every member's delivered and read position (on
/// GET /conversations/{id} and hub events; empty in lists), so ticks are right after a reload.
/// </summary>
public sealed record ConversationDto(string Id, string Kind, string? Title, IReadOnlyList<UserDto> Members, IReadOnlyList<string> Admins,
    MessageDto? LastMessage, long UnreadCount, long LastReadSeq, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<MemberReceiptsDto> Receipts, DateTimeOffset? MutedUntil)
{
    public static ConversationDto From(ConversationView c) =>
        new(c.Id, c.Kind, c.Title, c.Members.Select(UserDto.From).ToArray(), c.Admins, c.LastMessage is null ? null : MessageDto.From(c.LastMessage),
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
    public static ConversationEventDto From(ConversationChange c) =>
        new(c.ConversationId, c.Change, c.Conversation is null ? null : ConversationDto.From(c.Conversation));
}
