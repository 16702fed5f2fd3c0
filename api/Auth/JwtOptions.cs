namespace ChitLaq.Api.Auth;

/// <summary>Access-token settings (the <c>Auth</c> section). The key itself is resolved by <see cref="SigningKeys"/>.</summary>
public sealed class JwtOptions
{
    public const string Issuer = "chitlaq";
    public const string Audience = "chitlaq";

    public byte[] SigningKey { get; set; } = [];
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
