using ChitLaq.Grains.Abstractions.Social;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Chat;

/// <summary>
/// One conversation (key: conversation id): the single writer of its members, its gap-free
/// message sequence and its members' read positions. Sends interleave so that concurrent ones
/// share one database commit (group commit); each is acknowledged only once committed.
/// </summary>
[Alias("chitlaq.chat.conversation-grain")]
public interface IConversationGrain : IGrainWithStringKey
{
    [Alias("create")] Task<ChatResult<ConversationView>> Create(string creatorId, string kind, IReadOnlyList<string> memberIds, string? title);

    /// <summary>The conversation as <paramref name="viewerId"/> sees it; null when they are not a member.</summary>
    [Alias("view"), AlwaysInterleave] Task<ConversationView?> Get(string viewerId);

    [Alias("is-member"), AlwaysInterleave] Task<bool> IsMember(string userId);

    [Alias("rename")] Task<ChatResult<ConversationView>> Rename(string actorId, string title);
    [Alias("add-members")] Task<ChatResult<ConversationView>> AddMembers(string actorId, IReadOnlyList<string> userIds);
    [Alias("remove-member")] Task<ChatResult<ConversationView>> RemoveMember(string actorId, string userId);

    [Alias("send"), AlwaysInterleave] Task<SendResult> Send(string senderId, string clientMessageId, string text);

    /// <summary>A message with a reply and/or images (API.md "Chat essentials"); the same idempotency as <see cref="Send"/>.</summary>
    [Alias("send-rich"), AlwaysInterleave] Task<SendResult> SendRich(string senderId, string clientMessageId, NewMessage message);

    /// <summary>Adds or removes one member's reaction (idempotent); members get <c>messageUpdated</c>.</summary>
    [Alias("react")] Task<ChatResult<MessageView>> React(string userId, string messageId, string emoji, bool add);

    /// <summary>Pins or unpins a message (group admins; either member of a direct conversation).</summary>
    [Alias("pin")] Task<ChatResult<MessageView>> Pin(string userId, string messageId, bool pin);

    /// <summary>The pinned messages, newest pin first; null when the viewer is not a member.</summary>
    [Alias("pins"), AlwaysInterleave] Task<IReadOnlyList<MessageView>?> Pins(string viewerId);

    /// <summary>These messages as a member sees them (search hits); null when the viewer is not a member.</summary>
    [Alias("messages-by-id"), AlwaysInterleave] Task<IReadOnlyList<MessageView>?> MessagesById(string viewerId, IReadOnlyList<string> messageIds);
    [Alias("history"), AlwaysInterleave] Task<Page<MessageView>?> History(string viewerId, long? beforeSeq, long? afterSeq, int limit);
    [Alias("edit")] Task<ChatResult<MessageView>> Edit(string userId, string messageId, string text);
    [Alias("delete")] Task<ChatResult<MessageView>> Delete(string userId, string messageId);

    [Alias("mark")] Task<ChatOutcome> Mark(string userId, string kind, long seq);
    [Alias("typing"), AlwaysInterleave] Task<ChatOutcome> Typing(string userId);

    /// <summary>Mutes the conversation for <paramref name="userId"/> until a time (<see cref="ConversationMutes.Forever"/> for good); null unmutes.</summary>
    [Alias("mute")] Task<ChatResult<ConversationView>> Mute(string userId, DateTimeOffset? until);

    /// <summary>
    /// What a member reports: one message (<paramref name="messageId"/>) or the conversation itself
    /// (its title and latest messages, written by its creator's side). Null when the reporter is not
    /// a member or there is no such message; a null reporter is the server's keyword rules.
    /// </summary>
    [Alias("for-report"), AlwaysInterleave] Task<Moderation.ReportableContent?> ForReport(string? reporterId, string? messageId);

    /// <summary>A moderator's decision removes (or, overturned, restores) a message; members get <c>messageUpdated</c>.</summary>
    [Alias("moderate-message")] Task<bool> ModerateMessage(string messageId, bool removed);
}

/// <summary>What a member sends: text (may be empty with images), the seq it replies to, up to 4 of their uploaded images.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.new-message")]
public sealed record NewMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] long? ReplyToSeq = null,
    [property: Id(2)] IReadOnlyList<string>? MediaIds = null);

[GenerateSerializer, Alias("chitlaq.chat.outcome")]
public enum ChatOutcome
{
    Done = 0,
    NotFound = 1,
    Forbidden = 2,
    Invalid = 3,
    RateLimited = 4,
    /// <summary>A server keyword rule refuses the text (422 content_blocked).</summary>
    ContentBlocked = 5,
}

[GenerateSerializer, Immutable, Alias("chitlaq.chat.result`1")]
public sealed record ChatResult<T>(
    [property: Id(0)] ChatOutcome Outcome,
    [property: Id(1)] T? Value = default,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] bool Created = false);

[GenerateSerializer, Immutable, Alias("chitlaq.chat.send-result")]
public sealed record SendResult(
    [property: Id(0)] ChatOutcome Outcome,
    [property: Id(1)] MessageView? Message = null,
    [property: Id(2)] bool Duplicate = false,
    [property: Id(3)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(4)] TimeSpan? RetryAfter = null);

/// <summary>Lists of one user's conversations, most recently active first (a stateless worker).</summary>
[Alias("chitlaq.chat.conversation-lists")]
public interface IConversationListGrain : IGrainWithIntegerKey
{
    [Alias("of-user")] Task<Page<ConversationView>> OfUser(string userId, string? cursor, int limit);

    /// <summary>The unread badge: conversations with unread messages, and how many messages, muted ones left out.</summary>
    [Alias("unread")] Task<UnreadSummary> Unread(string userId);
}

[GenerateSerializer, Immutable, Alias("chitlaq.chat.unread-summary")]
public sealed record UnreadSummary([property: Id(0)] long Conversations, [property: Id(1)] long Messages);

public static class ConversationMutes
{
    /// <summary>"Muted forever": the latest time PostgreSQL and clients both read without surprises.</summary>
    public static readonly DateTimeOffset Forever = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);
}

/// <summary>Conversation ids: groups get a new UUIDv7; a direct conversation's id follows from its two members.</summary>
public static class ConversationIds
{
    public static string NewGroup() => Guid.CreateVersion7().ToString("N");

    public static string Direct(string userA, string userB)
    {
        var (first, second) = string.CompareOrdinal(userA, userB) < 0 ? (userA, userB) : (userB, userA);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"direct:{first}:{second}"));
        return "d" + Convert.ToHexStringLower(hash)[..31];
    }

    public static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
