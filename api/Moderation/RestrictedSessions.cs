using System.Security.Claims;
using ChitLaq.Api.Auth;
using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Moderation;

/// <summary>The rules a request's account standing imposes, shared by the HTTP gate and the hub filter.</summary>
public static class RestrictedSessions
{
    /// <summary>The token's epoch (tokens from before epochs existed count as 0).</summary>
    public static long EpochOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ChitLaqClaims.TokenEpoch)?.Value, out var epoch) ? epoch : 0;

    /// <summary>
    /// What a suspended or banned account may still do: see itself, its decisions, appeal, and sign
    /// out — and take its data along or delete itself (a decision does not take those rights away).
    /// </summary>
    public static bool AllowsWhileSuspended(HttpRequest request)
    {
        var path = request.Path;
        var api = ApiSetup.BasePath;
        if (HttpMethods.IsDelete(request.Method)) return path.Equals(api + "/users/me", StringComparison.OrdinalIgnoreCase);
        if (HttpMethods.IsGet(request.Method))
            return path.Equals(api + "/auth/me", StringComparison.OrdinalIgnoreCase)
                   || path.Equals(api + "/decisions/mine", StringComparison.OrdinalIgnoreCase)
                   || path.StartsWithSegments(api + "/me/export", StringComparison.OrdinalIgnoreCase)
                   || path.Equals(api + "/me/exports", StringComparison.OrdinalIgnoreCase);
        if (!HttpMethods.IsPost(request.Method)) return false;
        if (path.Equals(api + "/auth/logout", StringComparison.OrdinalIgnoreCase)
            || path.Equals(api + "/auth/refresh", StringComparison.OrdinalIgnoreCase)
            || path.Equals(api + "/auth/login", StringComparison.OrdinalIgnoreCase)
            || path.Equals(api + "/me/export", StringComparison.OrdinalIgnoreCase)) return true;
        // POST /decisions/{id}/appeal
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments is ["api", "v1", "decisions", _, "appeal"];
    }

    public static bool IsRevoked(ClaimsPrincipal user, AccountStanding standing) => EpochOf(user) < standing.TokenEpoch;
}
