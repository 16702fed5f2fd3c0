using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// Reactions and pins (API.md "Chat essentials"). This grain is their only writer and handles one
/// change at a time, so counts stay exact however many members react at once; every change that
/// took effect reaches the members as <c>messageUpdated</c>.
/// </summary>
public sealed partial class ConversationGrain
{
    private const int MaxReactionKinds = 20;
    private const int MaxPins = 50;

    public async Task<ChatResult<MessageView>> React(string userId, string messageId, string emoji, bool add)
    {
        if (!_members.ContainsKey(userId)) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        if (!Emoji.IsSingle(emoji)) return Invalid<MessageView>("emoji", "React with one emoji.");
        var row = await store.FindAsync(ConversationId, messageId);
        if (row is null || row.Deleted) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        bool changed;
        if (add)
        {
            var (others, has) = await reactions.KindsAsync(ConversationId, row.Seq, emoji);
            if (!has && others >= MaxReactionKinds) return Invalid<MessageView>("emoji", $"A message has at most {MaxReactionKinds} different reactions.");
            changed = await reactions.AddAsync(ConversationId, row.Seq, emoji, userId, Now);
        }
        else changed = await reactions.RemoveAsync(ConversationId, row.Seq, emoji, userId);
        return await Updated(row, changed);
    }

    public async Task<ChatResult<MessageView>> Pin(string userId, string messageId, bool pin)
    {
        if (!_members.TryGetValue(userId, out var member)) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        if (_conversation!.Kind == "group" && !member.IsAdmin) return new ChatResult<MessageView>(ChatOutcome.Forbidden);
        var row = await store.FindAsync(ConversationId, messageId);
        if (row is null || row.Deleted) return new ChatResult<MessageView>(ChatOutcome.NotFound);
        if (pin == row.PinnedAt is not null) return await Updated(row, changed: false);
        if (pin && (await store.PinnedAsync(ConversationId, MaxPins)).Count >= MaxPins)
            return Invalid<MessageView>("messageId", $"A conversation has at most {MaxPins} pinned messages; unpin one first.");
        var at = pin ? Now : (DateTimeOffset?)null;
        await store.SetPinnedAsync(ConversationId, row.Seq, at, pin ? userId : null);
        var changed = row with { PinnedAt = at };
        if (_lastMessage?.Seq == row.Seq) _lastMessage = changed;
        return await Updated(changed, changed: true);
    }

    public async Task<IReadOnlyList<MessageView>?> Pins(string viewerId) =>
        _members.ContainsKey(viewerId) ? await Views(await store.PinnedAsync(ConversationId, MaxPins)) : null;

    public async Task<IReadOnlyList<MessageView>?> MessagesById(string viewerId, IReadOnlyList<string> messageIds)
    {
        if (!_members.ContainsKey(viewerId)) return null;
        var rows = await store.ByIdsAsync(ConversationId, messageIds);
        return await Views(rows.Where(r => !r.Deleted).ToList());
    }

    /// <summary>The message as it is now; when <paramref name="changed"/>, told to every member.</summary>
    private async Task<ChatResult<MessageView>> Updated(ChatStore.MessageRow row, bool changed)
    {
        var view = (await Views([row]))[0];
        if (changed) await Broadcast(_members.Keys, new RealtimeEvent("messageUpdated", Message: view));
        return new ChatResult<MessageView>(ChatOutcome.Done, view);
    }
}
