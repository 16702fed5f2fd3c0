namespace ChitLaq.Grains.Media;

/// <summary>
/// Where image files live, by key (<c>{sha256}.{ext}</c>). The file system store serves one host
/// (nodes there share the folder); an S3-compatible store can implement the same four calls.
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores the bytes under the key unless a file is already there (same key, same bytes).</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellation = default);

    /// <summary>The file, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellation = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellation = default);

    Task DeleteAsync(string key, CancellationToken cancellation = default);
}
