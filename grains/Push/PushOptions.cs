namespace ChitLaq.Grains.Push;

/// <summary>Web Push (section <c>Push</c>). The VAPID keys are required in Production; elsewhere they are generated once into <see cref="KeyFile"/>.</summary>
public sealed class PushOptions : ISelfValidatingOptions
{
    public const string Section = "Push";

    /// <summary>Who runs this server, for push services to reach (RFC 8292 <c>sub</c>): a mailto: or https: URL.</summary>
    public string VapidSubject { get; set; } = "mailto:admin@chitlaq.invalid";

    /// <summary>The P-256 public key, uncompressed point, base64url (what browsers get as applicationServerKey).</summary>
    public string? VapidPublicKey { get; set; }

    /// <summary>The P-256 private key (the 32-byte scalar), base64url. A secret: never in the repository.</summary>
    public string? VapidPrivateKey { get; set; }

    /// <summary>Where keys generated outside Production are kept, so subscriptions survive restarts.</summary>
    public string KeyFile { get; set; } = System.IO.Path.Combine(".data", "push-vapid.json");

    /// <summary>Accept http:// and non-public endpoints: only for a local push service in development and tests.</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>How many queued pushes one node claims at a time.</summary>
    public int SendBatch { get; set; } = 64;

    /// <summary>How often a node looks for due pushes when it has not been woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed push is a node's before another may take it (a crashed node's claims come back).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries before a push that the push service keeps refusing (429, 5xx, network) is dropped.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Devices one student may register (a new one beyond this replaces the oldest).</summary>
    public int MaxSubscriptionsPerUser { get; set; } = 10;

    public IEnumerable<string> Validate()
    {
        if (!VapidSubject.StartsWith("mailto:", StringComparison.Ordinal) && !VapidSubject.StartsWith("https://", StringComparison.Ordinal))
            yield return "Push:VapidSubject must be a mailto: or https: URL.";
        if (string.IsNullOrEmpty(VapidPublicKey) != string.IsNullOrEmpty(VapidPrivateKey))
            yield return "Push:VapidPublicKey and Push:VapidPrivateKey are set together or not at all.";
        if (SendBatch is < 1 or > 1000) yield return "Push:SendBatch must be 1 to 1000.";
        if (PollInterval <= TimeSpan.Zero) yield return "Push:PollInterval must be positive.";
        if (ClaimLease < TimeSpan.FromSeconds(5)) yield return "Push:ClaimLease must be at least 5 seconds.";
        if (MaxAttempts < 1) yield return "Push:MaxAttempts must be at least 1.";
        if (MaxSubscriptionsPerUser < 1) yield return "Push:MaxSubscriptionsPerUser must be at least 1.";
    }
}
