using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Abstractions.Chat;

/// <summary>API.md "Message".</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.message")]
public sealed record MessageView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] long Seq,
    [property: Id(3)] UserProfile Sender,
    [property: Id(4)] string Text,
    [property: Id(5)] string ClientMessageId,
    [property: Id(6)] DateTimeOffset SentAt,
    [property: Id(7)] DateTimeOffset? EditedAt,
    [property: Id(8)] bool Deleted,
    /// <summary>The message this one answers (API.md "Chat essentials": <c>replyTo</c>).</summary>
    [property: Id(9)] MessageQuote? ReplyTo = null,
    [property: Id(10)] IReadOnlyList<MediaInfo>? Media = null,
    /// <summary>Each emoji with who reacted with it (the API turns this into counts and <c>reactedByMe</c>).</summary>
    [property: Id(11)] IReadOnlyList<ReactionView>? Reactions = null,
    [property: Id(12)] bool Pinned = false);

/// <summary>A reply's quote of the message it answers; a deleted original shows as deleted, without its text.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.message-quote")]
public sealed record MessageQuote(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Text,
    [property: Id(2)] UserProfile Sender,
    [property: Id(3)] bool Deleted);

/// <summary>One emoji on a message and the members who reacted with it, first reactor first.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.reaction")]
public sealed record ReactionView(
    [property: Id(0)] string Emoji,
    [property: Id(1)] IReadOnlyList<string> UserIds);

/// <summary>API.md "Conversation", as one member sees it.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.conversation")]
public sealed record ConversationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Title,
    [property: Id(3)] IReadOnlyList<UserProfile> Members,
    [property: Id(4)] IReadOnlyList<string> Admins,
    [property: Id(5)] MessageView? LastMessage,
    [property: Id(6)] long UnreadCount,
    [property: Id(7)] long LastReadSeq,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] IReadOnlyList<MemberReceipts>? Receipts = null,
    [property: Id(11)] DateTimeOffset? MutedUntil = null);

/// <summary>How far one member has received and read (what "delivered" and "read" ticks are drawn from).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.member-receipts")]
public sealed record MemberReceipts(
    [property: Id(0)] string UserId,
    [property: Id(1)] long DeliveredSeq,
    [property: Id(2)] long ReadSeq);

[GenerateSerializer, Immutable, Alias("chitlaq.chat.receipt")]
public sealed record ReceiptView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Kind,
    [property: Id(3)] long Seq);

[GenerateSerializer, Immutable, Alias("chitlaq.chat.typing")]
public sealed record TypingView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] UserProfile User,
    [property: Id(2)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Immutable, Alias("chitlaq.chat.conversation-change")]
public sealed record ConversationChange(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Change,
    [property: Id(2)] ConversationView? Conversation);

[GenerateSerializer, Immutable, Alias("chitlaq.chat.presence")]
public sealed record PresenceView(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset? LastSeenAt);
