using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Media;

/// <summary>
/// Checks, decodes, re-encodes and stores an uploaded image (a stateless worker on every silo,
/// so the bytes never cross the network between silos).
/// </summary>
[Alias("chitlaq.media.upload")]
public interface IMediaUploadGrain : IGrainWithIntegerKey
{
    [Alias("upload")] Task<MediaUploadResult> Upload(string ownerId, Immutable<byte[]> bytes);
}

[GenerateSerializer, Alias("chitlaq.media.upload-outcome")]
public enum MediaUploadOutcome
{
    Done = 0,
    /// <summary>The bytes are not JPEG, PNG, WebP or GIF (whatever the file was called).</summary>
    UnsupportedType = 1,
    /// <summary>The header says one of the four formats but the image cannot be decoded.</summary>
    InvalidImage = 2,
    /// <summary>More pixels than allowed (a photo that large, or a decompression bomb): refused from the header, before decoding.</summary>
    TooManyPixels = 3,
}

[GenerateSerializer, Immutable, Alias("chitlaq.media.upload-result")]
public sealed record MediaUploadResult(
    [property: Id(0)] MediaUploadOutcome Outcome,
    [property: Id(1)] MediaInfo? Media = null,
    [property: Id(2)] string? Detail = null);
