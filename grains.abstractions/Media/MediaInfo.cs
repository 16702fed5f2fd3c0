namespace ChitLaq.Grains.Abstractions.Media;

/// <summary>
/// One stored image (API.md "Media"): the re-encoded original and a feed-sized variant, both
/// content-addressed (their URLs never change content, so they are cached for a year).
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.media.info")]
public sealed record MediaInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string ContentType,
    [property: Id(3)] int Width,
    [property: Id(4)] int Height,
    [property: Id(5)] long Bytes,
    [property: Id(6)] string FeedUrl,
    [property: Id(7)] int FeedWidth,
    [property: Id(8)] int FeedHeight);
