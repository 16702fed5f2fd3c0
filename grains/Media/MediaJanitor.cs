using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Media;

/// <summary>
/// Removes uploads never attached within <c>Media:OrphanAfter</c> and images released by a
/// deleted post or a replaced avatar, then every file no row names any more. Runs on every node
/// (the table's conditional deletes and per-file locks make that safe).
/// </summary>
public sealed class MediaJanitor(MediaTable table, IOptions<MediaOptions> options, TimeProvider clock, ILogger<MediaJanitor> logger)
    : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Media clean-up failed; retrying next round");
            }
        }
    }

    /// <summary>One clean-up pass; returns how many files were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellation = default)
    {
        var deletedFiles = 0;
        while (true)
        {
            var keys = await table.DeleteUnusedAsync(clock.GetUtcNow() - options.Value.OrphanAfter, Batch, cancellation);
            foreach (var key in keys)
                if (await table.DeleteFileIfUnreferencedAsync(key, cancellation)) deletedFiles++;
            if (keys.Count == 0) break;
        }
        if (deletedFiles > 0) logger.LogInformation("Media clean-up deleted {Count} files", deletedFiles);
        return deletedFiles;
    }
}
