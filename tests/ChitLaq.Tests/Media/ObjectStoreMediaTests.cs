using System.Net;
using System.Net.Http.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ChitLaq.Api.Posts;
using ChitLaq.Grains.Media;
using ChitLaq.Tests.Cluster;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChitLaq.Tests.Media;

/// <summary>
/// Media in an S3-compatible object store (<c>Media:Store = s3</c>) against the real store test.sh
/// starts: the store's four calls, and an image uploaded through one node served by another that
/// shares no disk with it, as on another host. Slow (node processes).
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class ObjectStoreMediaTests
{
    private static readonly string JpegKey = new string('a', 64) + ".jpg";

    private static MediaOptions OptionsWithPrefix(string prefix) => new()
    {
        Store = MediaOptions.S3Store,
        S3 = new S3MediaOptions
        {
            ServiceUrl = TestEnvironment.S3ServiceUrl, Bucket = TestEnvironment.S3Bucket, Prefix = prefix,
            AccessKey = TestEnvironment.S3Key, SecretKey = TestEnvironment.S3Key,
        },
    };

    private static AmazonS3Client RawClient() => new(new BasicAWSCredentials(TestEnvironment.S3Key, TestEnvironment.S3Key),
        new AmazonS3Config { ServiceURL = TestEnvironment.S3ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static async Task<List<string>> ObjectsUnder(string prefix)
    {
        using var client = RawClient();
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = TestEnvironment.S3Bucket, Prefix = prefix });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    [Fact]
    public async Task StoredBytesAreReadBackFoundAndDeletedUnderTheConfiguredPrefix()
    {
        var prefix = $"t-{Guid.NewGuid():N}/";
        using var store = new S3MediaStore(Options.Create(OptionsWithPrefix(prefix)));
        var bytes = TestImages.Jpeg(120, 80);

        Assert.False(await store.ExistsAsync(JpegKey));
        Assert.Null(await store.OpenReadAsync(JpegKey));
        await store.PutAsync(JpegKey, bytes);
        await store.PutAsync(JpegKey, bytes); // the same key again: nothing changes

        Assert.True(await store.ExistsAsync(JpegKey));
        await using (var read = await store.OpenReadAsync(JpegKey))
        {
            using var copy = new MemoryStream();
            await read!.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        Assert.Equal([$"{prefix}aa/aa/{JpegKey}"], await ObjectsUnder(prefix));

        await store.DeleteAsync(JpegKey);
        await store.DeleteAsync(JpegKey); // deleting what is gone is fine
        Assert.False(await store.ExistsAsync(JpegKey));
        Assert.Empty(await ObjectsUnder(prefix));
    }

    [Fact]
    public async Task AKeyThatIsNotAMediaKeyNeverReachesTheStore()
    {
        using var store = new S3MediaStore(Options.Create(OptionsWithPrefix("t-keys/")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("../../etc/passwd"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("x.jpg", new byte[] { 1 }));
    }

    [Fact]
    public async Task AStoreThatRefusesTheWriteFailsTheUploadRatherThanLosingTheFile()
    {
        var options = OptionsWithPrefix("t-wrong/");
        options.S3.Bucket = "no-such-bucket";
        using var store = new S3MediaStore(Options.Create(options));
        await Assert.ThrowsAsync<AmazonS3Exception>(() => store.PutAsync(JpegKey, TestImages.Jpeg(10, 10)));
    }

    [Fact]
    public async Task AnImageUploadedThroughOneNodeIsServedByAnotherThatSharesNoDiskWithIt()
    {
        var prefix = $"cluster-{Guid.NewGuid():N}/";
        var settings = new Dictionary<string, string>
        {
            ["Media__Store"] = "s3",
            ["Media__S3__ServiceUrl"] = TestEnvironment.S3ServiceUrl,
            ["Media__S3__Bucket"] = TestEnvironment.S3Bucket,
            ["Media__S3__Prefix"] = prefix,
            ["Media__S3__AccessKey"] = TestEnvironment.S3Key,
            ["Media__S3__SecretKey"] = TestEnvironment.S3Key,
        };
        await using var cluster = await RedisCluster.StartAsync(nodeCount: 2, settings);
        var ada = await cluster.Nodes[0].RegisterVerifiedAsync();
        using var adaOnFirst = new HttpClient { BaseAddress = cluster.Nodes[0].Http.BaseAddress };
        adaOnFirst.DefaultRequestHeaders.Authorization = new("Bearer", ada.AccessToken);

        var media = await adaOnFirst.UploadOkAsync(TestImages.Jpeg(900, 600));
        var post = await adaOnFirst.PostAsJsonAsync("/api/v1/posts", new { text = "from the first host", mediaIds = new[] { media.Id } });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);

        var second = cluster.Nodes[1].Http;
        var original = await second.GetAsync(media.Url);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", original.Headers.CacheControl!.ToString());
        Assert.Equal(media.Bytes, (await original.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal((400, 267), TestImages.SizeOf(await second.GetByteArrayAsync(media.FeedUrl)));

        // Revalidation is answered from the hash alone.
        var again = new HttpRequestMessage(HttpMethod.Get, media.Url);
        again.Headers.IfNoneMatch.Add(original.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await second.SendAsync(again)).StatusCode);

        // Both files are in the bucket, and none on the nodes' disk.
        var objects = await ObjectsUnder(prefix);
        Assert.Equal(2, objects.Count);
        Assert.Contains(objects, key => key.EndsWith(media.Url[MediaKeys.UrlPrefix.Length..], StringComparison.Ordinal));
        var mediaFolder = Path.Combine(Path.GetTempPath(), "chitlaq-test-media", cluster.ClusterId);
        Assert.False(Directory.Exists(mediaFolder) && Directory.EnumerateFiles(mediaFolder, "*", SearchOption.AllDirectories).Any());
    }
}
