namespace ChitLaq.Api.Gateway;

/// <summary>What the HTTP edge of a node accepts (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions : IValidatedOptions
{
    public const string Section = "Gateway";

    /// <summary>Largest request body for ordinary endpoints (JSON); uploads declare their own larger limit.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins (e.g. <c>https://chitlaq.example.edu</c>) allowed to call the API from another origin; empty: same origin only.</summary>
    public string[] CorsAllowedOrigins { get; set; } = [];

    /// <summary>How long browsers remember to use HTTPS only (sent on HTTPS responses outside Development).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    public IEnumerable<string> Problems()
    {
        if (MaxRequestBodyBytes < 1024) yield return $"{Section}:MaxRequestBodyBytes must be at least 1024.";
        if (HstsMaxAgeDays < 0) yield return $"{Section}:HstsMaxAgeDays must not be negative.";
        foreach (var origin in CorsAllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                yield return $"{Section}:CorsAllowedOrigins entry '{origin}' must be an origin such as https://chitlaq.example.edu (scheme, host, optional port; no path).";
        }
    }
}
