namespace ChitLaq.Grains.Media;

/// <summary>The object store of <c>Media:Store = s3</c> (<c>Media:S3</c> section). Keys come from the environment, never the repository.</summary>
public sealed class S3MediaOptions
{
    /// <summary>The S3 endpoint, e.g. <c>https://s3.eu-central-1.amazonaws.com</c>, <c>https://&lt;account&gt;.r2.cloudflarestorage.com</c>, <c>http://minio:9000</c>.</summary>
    public string ServiceUrl { get; set; } = "";

    public string Bucket { get; set; } = "";

    /// <summary>Prepended to every object key (e.g. <c>media/</c>), so one bucket can hold more than ChitLaq's images.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>The signing region (<c>auto</c> for R2; anything for most self-hosted stores).</summary>
    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";

    /// <summary><c>https://host/bucket/key</c> rather than <c>https://bucket.host/key</c>: what MinIO, Ceph and most self-hosted stores need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>One request to the store gives up after this long (the SDK retries three times).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return "Media:S3:ServiceUrl must be an http(s) URL.";
        if (string.IsNullOrWhiteSpace(Bucket)) yield return "Media:S3:Bucket must be set.";
        if (string.IsNullOrWhiteSpace(AccessKey) || string.IsNullOrWhiteSpace(SecretKey)) yield return "Media:S3:AccessKey and Media:S3:SecretKey must be set (from the environment).";
        if (Prefix.StartsWith('/')) yield return "Media:S3:Prefix must not start with '/'.";
        if (Timeout <= TimeSpan.Zero) yield return "Media:S3:Timeout must be positive.";
    }
}
