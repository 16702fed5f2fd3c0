namespace ChitLaq.Grains.Accounts;

/// <summary>
/// The account emails a user grain sends. Implemented by the host (SMTP or a pickup folder);
/// sending is queued, so a slow mail server never holds up a grain.
/// </summary>
public interface IAccountMailer
{
    Task SendVerificationAsync(string toEmail, string displayName, string token);
    Task SendPasswordResetAsync(string toEmail, string displayName, string token);
    Task SendPasswordChangedAsync(string toEmail, string displayName);

    /// <summary>A moderator's decision about the account (or the outcome of its appeal), with the reason.</summary>
    /// <summary>The account will be erased at <paramref name="eraseAt"/> unless its owner signs in before.</summary>
    Task SendDeletionScheduledAsync(string toEmail, string displayName, DateTimeOffset eraseAt);

    /// <summary>A requested data export is ready to download until <paramref name="expiresAt"/>.</summary>
    Task SendExportReadyAsync(string toEmail, string displayName, DateTimeOffset expiresAt);

    Task SendModerationNoticeAsync(string toEmail, string displayName, Abstractions.Moderation.DecisionView decision, bool appealDecided);
}
