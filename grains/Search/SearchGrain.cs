using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Search;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Accounts;
using ChitLaq.Grains.Posts;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Search;

/// <summary>Searches this node's index for a viewer: ranks, drops what the viewer must not see, pages, hydrates.</summary>
[GrainType("search"), StatelessWorker]
public sealed class SearchGrain(SearchQueries queries, PostHydrator posts, ProfileCache profiles, Chat.ChatStore chats, TimeProvider clock) : Grain, ISearchGrain
{
    private const int SuggestionsEach = 5;

    public async Task<Page<UserProfile>?> Users(string viewerId, string query, string? cursor, int limit)
    {
        var after = Cursor.Decode(cursor);
        if (cursor is not null && after is null) return null;
        var filter = await Filter(viewerId);
        var (hits, version) = queries.Users(query, after?.Version, limit);
        var (page, next) = Paged(hits.Where(h => !filter.Hides(h.Id)), after, limit, now: 0, version);
        var found = (await Task.WhenAll(page.Select(h => profiles.Get(h.Id)))).OfType<UserProfile>().Where(p => !p.Hidden).ToList();
        return new Page<UserProfile>(found, next);
    }

    public async Task<Page<PostView>?> Posts(string viewerId, string query, string? cursor, int limit)
    {
        var after = Cursor.Decode(cursor);
        if (cursor is not null && after is null) return null;
        // Recency is measured from the first page's "now", so later pages rank the same way.
        var now = after is null ? clock.GetUtcNow() : new DateTimeOffset(after.Now, TimeSpan.Zero);
        var filter = await Filter(viewerId);
        var (hits, version) = queries.Posts(PostQuery.Parse(query), now, after?.Version, limit);
        var (page, next) = Paged(hits.Where(h => !filter.Hides(h.OwnerId)), after, limit, now.UtcTicks, version);
        return new Page<PostView>(await posts.HydrateAsync(page.Select(h => h.Id).ToList(), viewerId, filter.In(FilterContexts.Search)), next);
    }

    public async Task<Page<Abstractions.Chat.MessageView>?> Messages(string viewerId, string query, string? conversationId, string? cursor, int limit)
    {
        var after = Cursor.Decode(cursor);
        if (cursor is not null && after is null) return null;
        var now = after is null ? clock.GetUtcNow() : new DateTimeOffset(after.Now, TimeSpan.Zero);
        // Membership from the table, now: a group one has left is not searched, whatever the index holds.
        var mine = await chats.CurrentConversationsOfAsync(viewerId);
        var scope = conversationId is null ? mine : mine.Where(id => id == conversationId).ToList();
        var (hits, version) = queries.Messages(PostQuery.Parse(query), scope, now, after?.Version, limit);
        var (page, next) = Paged(hits, after, limit, now.UtcTicks, version);
        // Each conversation's grain shows its own messages (and checks membership once more).
        var views = new Dictionary<string, Abstractions.Chat.MessageView>();
        foreach (var group in page.GroupBy(h => h.OwnerId))
            foreach (var view in await GrainFactory.GetGrain<Abstractions.Chat.IConversationGrain>(group.Key).MessagesById(viewerId, group.Select(h => h.Id).ToList()) ?? [])
                views[view.Id] = view;
        return new Page<Abstractions.Chat.MessageView>(page.Where(h => views.ContainsKey(h.Id)).Select(h => views[h.Id]).ToList(), next);
    }

    public Task<Page<HashtagCount>?> Hashtags(string query, string? cursor, int limit)
    {
        var offset = 0;
        if (cursor is not null && (!int.TryParse(cursor, out offset) || offset < 0)) return Task.FromResult<Page<HashtagCount>?>(null);
        var all = queries.Hashtags(query);
        var page = all.Skip(offset).Take(limit).Select(t => new HashtagCount(t.Tag, t.Posts)).ToList();
        var next = offset + limit < all.Count ? (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult<Page<HashtagCount>?>(new Page<HashtagCount>(page, next));
    }

    public async Task<Suggestions> Suggest(string viewerId, string query)
    {
        var text = query.Trim();
        var users = new List<UserProfile>();
        if (!text.StartsWith('#'))
        {
            var filter = await Filter(viewerId);
            var hits = queries.Users(text.TrimStart('@'), version: null, SuggestionsEach, prefixesOnly: true).Hits.Where(h => !filter.Hides(h.Id)).Take(SuggestionsEach);
            users = (await Task.WhenAll(hits.Select(h => profiles.Get(h.Id)))).OfType<UserProfile>().Where(p => !p.Hidden).ToList();
        }
        var tags = text.StartsWith('@') ? [] : queries.Hashtags(text, scanAtMost: 100).Take(SuggestionsEach).Select(t => new HashtagCount(t.Tag, t.Posts)).ToList();
        return new Suggestions(users, tags);
    }

    private Task<FeedFilter> Filter(string viewerId) => GrainFactory.GetGrain<IUserGraphGrain>(viewerId).GetFeedFilter();

    private static (List<RankedHit> Page, string? Next) Paged(IEnumerable<RankedHit> hits, Cursor? after, int limit, long now, long version)
    {
        var ordered = RankedHit.Order(hits).Where(h => after is null || h.ComesAfter(after)).Take(limit + 1).ToList();
        var more = ordered.Count > limit;
        var page = ordered.Take(limit).ToList();
        return (page, more ? Cursor.After(page[^1], now, version).Encode() : null);
    }
}
