namespace ChitLaq.Grains.Accounts;

/// <summary>Limits of the editable profile fields.</summary>
public static class ProfileRules
{
    public const int MaxDisplayName = 50;
    public const int MaxBio = 160;
    public const int MaxMajor = 100;
    public const int EarliestGraduationYear = 1950;
    public const int GraduationYearsAhead = 10;

    public static string? CheckDisplayName(string? raw, FieldErrors errors)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value)) errors.Add("displayName", "A display name is required.");
        else if (value.Length > MaxDisplayName) errors.Add("displayName", $"Use at most {MaxDisplayName} characters.");
        else if (value.Any(char.IsControl)) errors.Add("displayName", "Control characters are not allowed.");
        return value;
    }

    /// <summary>Trimmed text, or null when emptied; an error when too long.</summary>
    public static string? CheckOptionalText(string field, string raw, int max, FieldErrors errors)
    {
        var value = raw.Trim();
        if (value.Length > max) errors.Add(field, $"Use at most {max} characters.");
        return value.Length == 0 ? null : value;
    }

    public static void CheckGraduationYear(int year, int currentYear, FieldErrors errors)
    {
        if (year < EarliestGraduationYear || year > currentYear + GraduationYearsAhead)
            errors.Add("graduationYear", $"Use a year from {EarliestGraduationYear} to {currentYear + GraduationYearsAhead}.");
    }
}
