using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// Where finished export archives are kept until they expire, by key (<c>{export id}.zip</c>):
/// files under <c>Accounts:ExportPath</c>, which the nodes of one host share (like the media
/// folder). Written to a temporary file and renamed, so a download never sees half an archive.
/// </summary>
public sealed partial class ExportArchiveStore(IOptions<AccountLifecycleOptions> options)
{
    public static string KeyOf(string exportId) => exportId + ".zip";

    public async Task PutAsync(string key, Stream content, CancellationToken cancellation)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellation);
            await file.FlushAsync(cancellation);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The archive, or null when there is none.</summary>
    public Stream? OpenRead(string key)
    {
        try
        {
            return new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Exists(string key) => File.Exists(PathOf(key));

    public void Delete(string key) => File.Delete(PathOf(key));

    private string PathOf(string key)
    {
        if (!KeyPattern().IsMatch(key)) throw new ArgumentException($"'{key}' is not an export archive key.", nameof(key));
        return Path.Combine(Path.GetFullPath(options.Value.ExportPath), key);
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.zip$")]
    private static partial Regex KeyPattern();
}
