using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Media;

/// <summary>
/// Files under <c>Media:Path</c>, spread over folders by the first two byte pairs of the hash
/// (<c>ab/cd/abcd….jpg</c>) so no folder grows huge. Writes go to a temporary file that is then
/// renamed, so a reader never sees half a file, even from another node.
/// </summary>
public sealed class FileSystemMediaStore(IOptions<MediaOptions> options) : IMediaStore
{
    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellation = default)
    {
        var path = PathOf(key);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await file.WriteAsync(bytes, cancellation);
            await file.FlushAsync(cancellation);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellation = default)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellation = default) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellation = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (!MediaKeys.IsWellFormed(key)) throw new ArgumentException($"'{key}' is not a media key.", nameof(key));
        return Path.Combine(Path.GetFullPath(options.Value.Path), key[..2], key[2..4], key);
    }
}
