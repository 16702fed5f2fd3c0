using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Media;

/// <summary>
/// One image's ownership rules. The conditional updates in <see cref="MediaTable"/> are the
/// arbiter (the clean-up runs on every node), so this grain keeps no state of its own.
/// </summary>
[GrainType("media")]
public sealed class MediaGrain(MediaTable table, TimeProvider clock) : Grain, IMediaGrain
{
    private string MediaId => this.GetPrimaryKeyString();

    public async Task<MediaAttachResult> Attach(string ownerId, string target)
    {
        if (await table.AttachAsync(MediaId, ownerId, target) is { } attached)
            return new MediaAttachResult(MediaAttachOutcome.Done, attached.Info);
        var row = await table.LoadAsync(MediaId);
        return row is null || row.OwnerId != ownerId
            ? new MediaAttachResult(MediaAttachOutcome.NotFound)
            : new MediaAttachResult(MediaAttachOutcome.InUse);
    }

    public Task Release(string target) => table.ReleaseAsync(MediaId, target, clock.GetUtcNow());

    public async Task<MediaInfo?> Get() => (await table.LoadAsync(MediaId))?.Info;
}
