using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Grains.Abstractions.Search;

/// <summary>
/// Full-text search over this node's own index (a stateless worker, so it always runs on the
/// node that got the request). Results are filtered for the viewer: blocked and muted accounts
/// never appear, deleted posts never appear. A null page means the cursor was not one of ours.
/// </summary>
[Alias("chitlaq.search.grain")]
public interface ISearchGrain : IGrainWithIntegerKey
{
    [Alias("users")] Task<Page<UserProfile>?> Users(string viewerId, string query, string? cursor, int limit);
    [Alias("posts")] Task<Page<PostView>?> Posts(string viewerId, string query, string? cursor, int limit);
    [Alias("hashtags")] Task<Page<HashtagCount>?> Hashtags(string query, string? cursor, int limit);

    /// <summary>
    /// Messages of the viewer's current conversations (or of one of them) matching the query; a
    /// conversation they are not, or no longer, a member of is never searched.
    /// </summary>
    [Alias("messages")] Task<Page<Chat.MessageView>?> Messages(string viewerId, string query, string? conversationId, string? cursor, int limit);

    /// <summary>Type-ahead: up to 5 users and 5 hashtags by prefix (<c>@</c> asks for users only, <c>#</c> for hashtags only).</summary>
    [Alias("suggest")] Task<Suggestions> Suggest(string viewerId, string query);
}

[GenerateSerializer, Immutable, Alias("chitlaq.search.hashtag")]
public sealed record HashtagCount([property: Id(0)] string Tag, [property: Id(1)] int PostCount);

[GenerateSerializer, Immutable, Alias("chitlaq.search.suggestions")]
public sealed record Suggestions([property: Id(0)] IReadOnlyList<UserProfile> Users, [property: Id(1)] IReadOnlyList<HashtagCount> Hashtags);
