namespace ChitLaq.Grains.Accounts;

/// <summary>The rules of accounts, bound from the <c>Auth</c> configuration section and validated at start-up.</summary>
public sealed class AccountOptions : ISelfValidatingOptions
{
    public const string Section = "Auth";

    /// <summary>University domains accepted at sign-up; subdomains are included.</summary>
    public string[] AllowedEmailDomains { get; set; } = [];

    /// <summary>Domain → university name; the matched allowed domain is the name when absent.</summary>
    public Dictionary<string, string> Universities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes (posts, follows, messages, uploads) need a verified email.</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>Accounts with these addresses become admins once the address is verified.</summary>
    public string[] AdminEmails { get; set; } = [];

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SessionIdleLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most one verification or reset email per account in this interval.</summary>
    public TimeSpan EmailResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    public LockoutOptions Lockout { get; set; } = new();
    public PasswordHashingOptions PasswordHashing { get; set; } = new();

    public IEnumerable<string> Validate()
    {
        if (AllowedEmailDomains.Length == 0) yield return "Auth:AllowedEmailDomains needs at least one university domain.";
        foreach (var domain in AllowedEmailDomains.Where(d => string.IsNullOrWhiteSpace(d) || d.Contains('@') || !d.Contains('.')))
            yield return $"Auth:AllowedEmailDomains entry '{domain}' is not a domain.";
        if (SessionIdleLifetime > SessionLifetime) yield return "Auth:SessionIdleLifetime cannot exceed Auth:SessionLifetime.";
        if (Lockout.MaxFailures < 1) yield return "Auth:Lockout:MaxFailures must be at least 1.";
        if (PasswordHashing.MemoryKiB < 19456 || PasswordHashing.Iterations < 2)
            yield return "Auth:PasswordHashing must be at least Argon2id m=19456 KiB, t=2 (OWASP minimum).";
        if (PasswordHashing.MaxConcurrent < 1) yield return "Auth:PasswordHashing:MaxConcurrent must be at least 1.";
    }
}

public sealed class LockoutOptions
{
    public int MaxFailures { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class PasswordHashingOptions
{
    /// <summary>Argon2id memory in KiB (OWASP: 19 MiB with 2 passes).</summary>
    public int MemoryKiB { get; set; } = 19456;
    public int Iterations { get; set; } = 2;

    /// <summary>Hashes computed at once on this node; more wait, so a login storm cannot starve the silo.</summary>
    public int MaxConcurrent { get; set; } = Math.Max(1, Environment.ProcessorCount);
}
