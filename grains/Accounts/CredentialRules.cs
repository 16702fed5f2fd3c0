using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Grains.Accounts;

/// <summary>What makes sign-up input acceptable: address shape, handle shape, password strength.</summary>
public static class CredentialRules
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;

    public static void CheckEmail(string normalizedEmail, FieldErrors errors)
    {
        if (!EmailAddresses.IsValid(normalizedEmail)) errors.Add("email", "Enter a valid email address.");
    }

    public static void CheckHandle(string normalizedHandle, FieldErrors errors)
    {
        if (!HandleFormat.IsValid(normalizedHandle))
            errors.Add("handle", $"A handle is {HandleFormat.MinLength}–{HandleFormat.MaxLength} characters of a–z, 0–9 and _.");
    }

    /// <summary>Length limits, and not the email's local part or the handle (nor containing them).</summary>
    public static void CheckPassword(string password, string normalizedEmail, string normalizedHandle, FieldErrors errors)
    {
        if (password.Length < MinPasswordLength)
            errors.Add("password", $"Use at least {MinPasswordLength} characters.");
        else if (password.Length > MaxPasswordLength)
            errors.Add("password", $"Use at most {MaxPasswordLength} characters.");

        var lowered = password.ToLowerInvariant();
        var local = normalizedEmail.Contains('@') ? EmailAddresses.LocalPart(normalizedEmail) : normalizedEmail;
        if (local.Length >= 3 && lowered.Contains(local, StringComparison.Ordinal))
            errors.Add("password", "The password must not contain your email address.");
        if (normalizedHandle.Length >= 3 && lowered.Contains(normalizedHandle, StringComparison.Ordinal))
            errors.Add("password", "The password must not contain your handle.");
    }
}
