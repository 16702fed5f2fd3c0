namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>The roles an account can hold; every account is a student.</summary>
public static class Roles
{
    public const string Student = "student";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Student, Moderator, Admin];

    public static bool IsKnown(string role) => All.Contains(role);
}
