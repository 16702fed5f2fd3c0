using ChitLaq.Grains.Abstractions.Media;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Media;

/// <summary>
/// Processes an upload where it arrived (stateless worker: always local to the calling node):
/// checks and re-encodes it, then stores files and row together.
/// </summary>
[GrainType("media-upload"), StatelessWorker]
public sealed class MediaUploadGrain(ImageProcessor processor, MediaTable table, TimeProvider clock) : Grain, IMediaUploadGrain
{
    public async Task<MediaUploadResult> Upload(string ownerId, Immutable<byte[]> bytes)
    {
        var (image, rejection, detail) = await processor.ProcessAsync(bytes.Value);
        if (image is null)
        {
            var outcome = rejection switch
            {
                ImageRejection.UnsupportedType => MediaUploadOutcome.UnsupportedType,
                ImageRejection.TooManyPixels => MediaUploadOutcome.TooManyPixels,
                _ => MediaUploadOutcome.InvalidImage,
            };
            return new MediaUploadResult(outcome, Detail: detail);
        }

        var original = image.Original;
        var feed = image.Feed;
        var row = new MediaTable.Row(Guid.NewGuid().ToString("N"), ownerId,
            MediaKeys.For(original.Bytes, original.Format), original.Format.ContentType, original.Width, original.Height, original.Bytes.LongLength,
            MediaKeys.For(feed.Bytes, feed.Format), feed.Width, feed.Height, feed.Bytes.LongLength, clock.GetUtcNow(), null, null);
        await table.InsertAsync(row, image);
        return new MediaUploadResult(MediaUploadOutcome.Done, row.Info);
    }
}
