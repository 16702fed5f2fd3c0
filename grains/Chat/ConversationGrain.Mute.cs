using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// A member's mute (API.md "Chat essentials"): their own setting, kept with their membership.
/// Muted, they still get every message; they get no push and the conversation stays out of their
/// unread badge. A mute ends by itself at its time.
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task<ChatResult<ConversationView>> Mute(string userId, DateTimeOffset? until)
    {
        if (!_members.TryGetValue(userId, out var member)) return new ChatResult<ConversationView>(ChatOutcome.NotFound);
        if (until is { } end && end <= Now) return Invalid<ConversationView>("until", "Give a time in the future, or null to unmute.");
        await store.MuteAsync(ConversationId, userId, until);
        member.MutedUntil = until;
        // Only the member's own devices hear of it: a mute is nobody else's business.
        var view = await View(userId);
        await fanout.DeliverAsync([userId], new RealtimeEvent("conversation", Conversation: new ConversationChange(ConversationId, "updated", view)));
        return new ChatResult<ConversationView>(ChatOutcome.Done, view);
    }

    private bool IsMuted(Member member) => member.MutedUntil is { } until && until > Now;

    /// <summary>Who a new message may push: every member who has not muted the conversation (the sender is left out later).</summary>
    private List<string> PushableMembers() => _members.Values.Where(m => !IsMuted(m)).Select(m => m.UserId).ToList();
}
