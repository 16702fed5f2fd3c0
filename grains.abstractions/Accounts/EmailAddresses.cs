using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>How addresses are compared: trimmed, Unicode-normalised (NFKC), lower-cased, IDN domains in ASCII.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    public static string Normalize(string email)
    {
        var trimmed = email.Trim().Normalize(NormalizationForm.FormKC);
        var at = trimmed.LastIndexOf('@');
        if (at <= 0) return trimmed.ToLowerInvariant();
        var local = trimmed[..at].ToLowerInvariant();
        var domain = trimmed[(at + 1)..].TrimEnd('.');
        try { domain = new IdnMapping().GetAscii(domain); } catch (ArgumentException) { /* left as typed; rejected by IsValid */ }
        return local + "@" + domain.ToLowerInvariant();
    }

    /// <summary>True for a plausible single address (local@domain.tld) of a normalised input.</summary>
    public static bool IsValid(string normalized)
    {
        if (normalized.Length is 0 or > MaxLength || normalized.Any(char.IsWhiteSpace)) return false;
        var at = normalized.LastIndexOf('@');
        if (at <= 0 || at == normalized.Length - 1 || normalized.IndexOf('@') != at) return false;
        var domain = normalized[(at + 1)..];
        if (!domain.Contains('.') || domain.Split('.').Any(label => label.Length is 0 or > 63)) return false;
        return MailAddress.TryCreate(normalized, out var parsed) && parsed.Address == normalized;
    }

    public static string Domain(string normalized) => normalized[(normalized.LastIndexOf('@') + 1)..];

    public static string LocalPart(string normalized) => normalized[..normalized.LastIndexOf('@')];
}
