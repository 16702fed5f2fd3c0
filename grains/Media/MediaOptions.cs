namespace ChitLaq.Grains.Media;

/// <summary>Image uploads (<c>Media</c> section).</summary>
public sealed class MediaOptions : ISelfValidatingOptions
{
    public const string Section = "Media";

    /// <summary>
    /// <c>filesystem</c> (files under <see cref="Path"/>; nodes on one host share the folder) or
    /// <c>s3</c> (a bucket of an S3-compatible store, <see cref="S3"/>; nodes on several hosts share it).
    /// </summary>
    public string Store { get; set; } = FileSystemStore;

    public const string FileSystemStore = "filesystem";
    public const string S3Store = "s3";

    /// <summary>The object store, when <see cref="Store"/> is <c>s3</c>.</summary>
    public S3MediaOptions S3 { get; set; } = new();

    /// <summary>Where files are stored with the <c>filesystem</c> store; nodes on one host share the folder.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(".data", "media");

    /// <summary>Images with more pixels are refused from their header, before any decoding.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The stored original is scaled down to fit this many pixels on its longer side.</summary>
    public int MaxStoredDimension { get; set; } = 4096;

    /// <summary>Width of the variant shown in timelines (narrower images keep their width).</summary>
    public int FeedWidth { get; set; } = 400;

    /// <summary>Quality of re-encoded JPEG and WebP images (1–100).</summary>
    public int Quality { get; set; } = 85;

    /// <summary>Images decoded and encoded at once on this node (each takes a core for a fraction of a second).</summary>
    public int MaxConcurrentProcessing { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Uploads never attached to a post or avatar are removed after this long.</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each node looks for orphaned and released images.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Validate()
    {
        if (Store is not (FileSystemStore or S3Store)) yield return $"Media:Store must be '{FileSystemStore}' or '{S3Store}'.";
        if (Store == FileSystemStore && string.IsNullOrWhiteSpace(Path)) yield return "Media:Path must be set.";
        if (Store == S3Store) foreach (var problem in S3.Validate()) yield return problem;
        if (MaxPixels is < 1_000_000 or > 200_000_000) yield return "Media:MaxPixels must be between 1 and 200 million.";
        if (MaxStoredDimension is < 256 or > 16384) yield return "Media:MaxStoredDimension must be between 256 and 16384.";
        if (FeedWidth < 64 || FeedWidth > MaxStoredDimension) yield return "Media:FeedWidth must be at least 64 and at most Media:MaxStoredDimension.";
        if (MaxConcurrentProcessing < 1) yield return "Media:MaxConcurrentProcessing must be at least 1.";
        if (Quality is < 1 or > 100) yield return "Media:Quality must be between 1 and 100.";
        if (OrphanAfter < TimeSpan.FromMinutes(10)) yield return "Media:OrphanAfter must be at least 10 minutes (a student may take a while to write the post).";
        if (CleanupInterval <= TimeSpan.Zero) yield return "Media:CleanupInterval must be positive.";
    }
}
