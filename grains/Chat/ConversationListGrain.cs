using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Chat;

/// <summary>A user's conversations, most recently active first, each as that user sees it.</summary>
[StatelessWorker]
[GrainType("conversation-lists")]
public sealed class ConversationListGrain(ChatStore store, TimeProvider clock) : Grain, IConversationListGrain
{
    public async Task<Page<ConversationView>> OfUser(string userId, string? cursor, int limit)
    {
        var rows = await store.OfUserAsync(userId, Cursors.DecodeTimeAndId(cursor), limit + 1);
        var page = rows.Take(limit).ToList();
        var views = await Task.WhenAll(page.Select(r => GrainFactory.GetGrain<IConversationGrain>(r.Id).Get(userId)));
        return new Page<ConversationView>(views.OfType<ConversationView>().ToList(),
            rows.Count > limit ? Cursors.EncodeTimeAndId(page[^1].UpdatedAt, page[^1].Id) : null);
    }

    public async Task<UnreadSummary> Unread(string userId)
    {
        var (conversations, messages) = await store.UnreadAsync(userId, clock.GetUtcNow());
        return new UnreadSummary(conversations, messages);
    }
}
