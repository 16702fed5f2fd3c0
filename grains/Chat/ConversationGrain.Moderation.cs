using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Grains.Chat;

public sealed partial class ConversationGrain
{
    private const int MessagesInConversationReport = 10;

    public async Task<ReportableContent?> ForReport(string? reporterId, string? messageId)
    {
        if (_conversation is null || (reporterId is not null && !_members.ContainsKey(reporterId))) return null;
        if (messageId is not null)
        {
            var row = await store.FindAsync(ConversationId, messageId);
            return row is null ? null : new ReportableContent(row.SenderId, new ContentSnapshot(row.Text, [], ConversationId, row.EditedAt ?? row.SentAt));
        }

        // The conversation itself: its title and latest messages, held against whoever runs it
        // (the other person of a direct chat, the creator of a group).
        var author = _conversation.Kind == "direct"
            ? _members.Keys.FirstOrDefault(id => id != reporterId) ?? _conversation.CreatedBy
            : _conversation.CreatedBy;
        var latest = await store.PageAsync(ConversationId, null, null, MessagesInConversationReport);
        var lines = latest.Where(m => !m.Deleted).Select(m => $"[{m.Seq}] {m.SenderId}: {m.Text}");
        var text = string.Join("\n", new[] { _conversation.Title is { } title ? "Title: " + title : null }.OfType<string>().Concat(lines));
        return new ReportableContent(author, new ContentSnapshot(text, [], ConversationId, _conversation.UpdatedAt));
    }

    public async Task<bool> ModerateMessage(string messageId, bool removed)
    {
        if (_conversation is null) return false;
        var row = await store.FindAsync(ConversationId, messageId);
        if (row is null || row.Deleted == removed) return false;

        // The text is kept (members see "deleted"), so that an overturned decision can bring it back.
        var changed = row with { Deleted = removed };
        await store.UpdateMessageAsync(ConversationId, row.Seq, row.Text, row.EditedAt ?? row.SentAt, removed);
        if (_lastMessage?.Seq == row.Seq) _lastMessage = changed;
        var views = await Views([changed]);
        if (views.Count == 1) await Broadcast(_members.Keys, new RealtimeEvent("messageUpdated", Message: views[0]));
        return true;
    }
}
