using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Filters;

/// <summary>Where a personal keyword filter applies (API.md "Trust and safety": filters).</summary>
public static class FilterContexts
{
    public const string Home = "home";
    public const string Explore = "explore";
    public const string Notifications = "notifications";
    public const string Search = "search";
    public const string Threads = "threads";

    public static readonly IReadOnlyList<string> All = [Home, Explore, Notifications, Search, Threads];
}

/// <summary>What a personal filter does to a matching post.</summary>
public static class FilterActions
{
    /// <summary>Left out of the filter's contexts.</summary>
    public const string Hide = "hide";

    /// <summary>Shown, carrying <c>filtered: [{ filterId, phrase }]</c>, so a client can fold it behind a warning.</summary>
    public const string Warn = "warn";
}

/// <summary>
/// One personal filter. <see cref="Terms"/> and <see cref="Folded"/> are the phrase as the search
/// analysis sees it (lower case, accents folded), computed once when the filter is loaded, so a
/// page of posts is matched without analysing every phrase again.
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.filters.keyword-filter")]
public sealed record KeywordFilter(
    [property: Id(0)] string Id,
    [property: Id(1)] string Phrase,
    [property: Id(2)] bool WholeWord,
    [property: Id(3)] IReadOnlyList<string> Contexts,
    [property: Id(4)] string Action,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] IReadOnlyList<string> Terms,
    [property: Id(8)] string Folded)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } until || until > now;

    public bool AppliesIn(string context, DateTimeOffset now) => IsActiveAt(now) && Contexts.Contains(context);
}

/// <summary>A warn filter a post matched (API.md: <c>filtered: [{ filterId, phrase }]</c>).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.filters.match")]
public sealed record FilterMatch([property: Id(0)] string FilterId, [property: Id(1)] string Phrase);

[GenerateSerializer, Immutable, Alias("chitlaq.filters.request")]
public sealed record KeywordFilterRequest(
    [property: Id(0)] string Phrase,
    [property: Id(1)] bool WholeWord,
    [property: Id(2)] IReadOnlyList<string> Contexts,
    [property: Id(3)] string Action,
    [property: Id(4)] DateTimeOffset? ExpiresAt);

[GenerateSerializer, Alias("chitlaq.filters.outcome")]
public enum FilterOutcome
{
    Done = 0,
    NotFound = 1,
    Invalid = 2,
    /// <summary>The user already has the most filters one account may keep (422).</summary>
    TooMany = 3,
}

[GenerateSerializer, Immutable, Alias("chitlaq.filters.result")]
public sealed record FilterResult(
    [property: Id(0)] FilterOutcome Outcome,
    [property: Id(1)] KeywordFilter? Filter = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// A user's personal keyword filters (key: user id). Kept by the same activation as the user's
/// <see cref="Social.IUserGraphGrain"/>, beside their mutes and blocks, so every feed filter that
/// grain hands out carries them without another call.
/// </summary>
[Alias("chitlaq.filters.keyword-filters-grain")]
public interface IKeywordFiltersGrain : IGrainWithStringKey
{
    /// <summary>The filters that have not expired, newest first.</summary>
    [Alias("list"), AlwaysInterleave] Task<IReadOnlyList<KeywordFilter>> ListFilters();

    [Alias("add")] Task<FilterResult> AddFilter(KeywordFilterRequest request);

    [Alias("remove")] Task<FilterOutcome> RemoveFilter(string filterId);
}
