using System.Collections.Frozen;

namespace ChitLaq.Grains.Registries;

/// <summary>
/// Handles no student may take: they name the service, its staff or its routes, and would let
/// someone impersonate ChitLaq or a university office.
/// </summary>
internal static class ReservedHandles
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "admin", "administrator", "api", "app", "chitlaq", "help", "support", "staff",
        "moderator", "mod", "mods", "root", "system", "security", "official", "team",
        "about", "auth", "login", "logout", "register", "signup", "signin", "settings",
        "me", "null", "undefined", "everyone", "here", "feed", "explore", "search",
        "notifications", "messages", "hubs", "health", "metrics", "openapi", "status",
        "www", "mail", "email", "noreply", "no_reply", "postmaster", "abuse", "webmaster",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(string normalizedHandle) => Names.Contains(normalizedHandle);
}
