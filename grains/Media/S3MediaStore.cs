using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Media;

/// <summary>
/// Files in a bucket of an S3-compatible object store (AWS S3, Cloudflare R2, MinIO, Ceph RGW…),
/// so that nodes on different hosts serve the same images. Keys are laid out as on disk
/// (<c>{prefix}ab/cd/abcd….jpg</c>); objects are written whole, so a reader never sees half a file.
/// </summary>
public sealed class S3MediaStore : IMediaStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3MediaOptions _options;

    public S3MediaStore(IOptions<MediaOptions> options)
    {
        _options = options.Value.S3;
        var config = new AmazonS3Config
        {
            ServiceURL = _options.ServiceUrl,
            ForcePathStyle = _options.ForcePathStyle,
            AuthenticationRegion = _options.Region,
            // Checksums only where S3 requires them: many S3-compatible servers reject the
            // trailing checksums that the SDK otherwise adds to every upload.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = _options.Timeout,
            MaxErrorRetry = 3,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), config);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> bytes, CancellationToken cancellation = default)
    {
        // Same key, same bytes: not written again (with bucket versioning on, as the runbook advises,
        // a rewrite would keep a second copy of every image uploaded twice).
        if (await ExistsAsync(key, cancellation)) return;
        using var body = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = ObjectKey(key),
            InputStream = body,
            ContentType = MediaKeys.ContentTypeOf(key),
            UseChunkEncoding = false,
            AutoCloseStream = false,
        }, cancellation);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellation = default)
    {
        try
        {
            var response = await _client.GetObjectAsync(_options.Bucket, ObjectKey(key), cancellation);
            return response.ResponseStream; // disposing it ends the response
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellation = default)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_options.Bucket, ObjectKey(key), cancellation);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellation = default) =>
        await _client.DeleteObjectAsync(_options.Bucket, ObjectKey(key), cancellation); // absent is fine: S3 deletes are idempotent

    private string ObjectKey(string key)
    {
        if (!MediaKeys.IsWellFormed(key)) throw new ArgumentException($"'{key}' is not a media key.", nameof(key));
        return _options.Prefix + key[..2] + "/" + key[2..4] + "/" + key;
    }

    public void Dispose() => _client.Dispose();
}
