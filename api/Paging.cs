using ChitLaq.Api.Auth;
using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Api;

/// <summary>List conventions of the contract: <c>?limit=N&amp;cursor=C</c>, default 20, at most 100.</summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The limit to use: default when absent, capped at the maximum; null when it is not positive.</summary>
    public static int? Limit(int? requested) => requested switch
    {
        null => DefaultLimit,
        <= 0 => null,
        > MaxLimit => MaxLimit,
        _ => requested,
    };

    public static ItemsResponse<TOut> Map<TIn, TOut>(Page<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToArray(), page.NextCursor);
}
