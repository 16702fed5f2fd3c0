namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// Refresh, verification and reset tokens are "{userId}.{secret}": the user id routes the token
/// to the grain that owns it (no look-up table), the secret (256 random bits) proves possession
/// and is stored only as a hash. A token whose id part was altered reaches a grain that does not
/// hold its hash, and is rejected like any other unknown token.
/// </summary>
public static class AccountTokens
{
    public static string Compose(string userId, string secret) => userId + "." + secret;

    public static bool TryParse(string? token, out string userId, out string secret)
    {
        userId = secret = "";
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return false;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return false;
        userId = token[..dot];
        secret = token[(dot + 1)..];
        return UserIds.IsWellFormed(userId);
    }
}

/// <summary>User ids: UUIDv7 as 32 lower-case hex digits, so they sort by creation time.</summary>
public static class UserIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    public static bool IsWellFormed(string id) =>
        id.Length == 32 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
