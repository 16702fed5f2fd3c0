namespace ChitLaq.Api.Auth;

/// <summary>Authorization policy names that endpoint groups apply.</summary>
public static class Policies
{
    /// <summary>Signed in with a verified university email: every write but one's own profile.</summary>
    public const string VerifiedEmail = "verified-email";
    /// <summary>A verified email and no limit in force: posting, replying, messaging, uploading.</summary>
    public const string Publish = "publish";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
}
