using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Accounts;

/// <summary>Which email domains belong to a university, and which university (subdomains included).</summary>
public sealed class UniversityDomains(IOptions<AccountOptions> options)
{
    /// <summary>The university of a normalised domain, or null when the domain is not on the allow-list.</summary>
    public string? UniversityOf(string domain)
    {
        var allowed = options.Value.AllowedEmailDomains
            .Select(d => d.Trim().ToLowerInvariant())
            .Where(d => IsUnder(domain, d))
            .OrderByDescending(d => d.Length)
            .FirstOrDefault();
        if (allowed is null) return null;

        var named = options.Value.Universities
            .Where(pair => IsUnder(domain, pair.Key.Trim().ToLowerInvariant()))
            .OrderByDescending(pair => pair.Key.Length)
            .Select(pair => pair.Value)
            .FirstOrDefault();
        return named ?? allowed;
    }

    private static bool IsUnder(string domain, string parent) =>
        domain == parent || domain.EndsWith("." + parent, StringComparison.Ordinal);
}
