using System.Security.Claims;
using ChitLaq.Grains.Abstractions.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChitLaq.Api.Auth;

/// <summary>Mints the short-lived access JWT (HS256) for a session a user grain started or renewed.</summary>
public sealed class AccessTokens(IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, int ExpiresInSeconds) Issue(SignedIn session)
    {
        var lifetime = options.Value.AccessTokenLifetime;
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = JwtOptions.Issuer,
            Audience = JwtOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(options.Value.SigningKey), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ChitLaqClaims.Subject] = session.UserId,
                [ChitLaqClaims.Handle] = session.Handle,
                [ChitLaqClaims.Roles] = session.Roles.ToArray(),
                [ChitLaqClaims.EmailVerified] = session.EmailVerified,
                [ChitLaqClaims.SessionId] = session.SessionId.ToString(),
                [ChitLaqClaims.TokenId] = Guid.NewGuid().ToString("N"),
                [ChitLaqClaims.TokenEpoch] = session.TokenEpoch,
            },
        };
        return (_handler.CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }
}

/// <summary>The claim names of ChitLaq access tokens (short JWT names, not mapped to .NET's long ones).</summary>
public static class ChitLaqClaims
{
    public const string Subject = "sub";
    public const string Handle = "handle";
    public const string Roles = "roles";
    public const string EmailVerified = "email_verified";
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    /// <summary>The account's token epoch when the token was minted (see AccountStanding).</summary>
    public const string TokenEpoch = "ep";

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst(Subject)?.Value;
}
