using System.Net;
using ChitLaq.Grains.Accounts;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChitLaq.Silo.Mail;

/// <summary>The account emails, in plain text and HTML; each link carries <c>token=&lt;token&gt;</c>.</summary>
public sealed class AccountMailer(MailQueue queue, IOptions<EmailOptions> options) : IAccountMailer
{
    public Task SendVerificationAsync(string toEmail, string displayName, string token) =>
        SendAsync(toEmail, displayName, "Verify your ChitLaq email",
            "Welcome to ChitLaq! Confirm that this is your university address by opening the link below. It works once, for 24 hours.",
            Link("verify-email", token), "Verify email");

    public Task SendPasswordResetAsync(string toEmail, string displayName, string token) =>
        SendAsync(toEmail, displayName, "Reset your ChitLaq password",
            "Someone asked to reset the password of your ChitLaq account. If it was you, open the link below within an hour. If not, ignore this email: your password stays as it is.",
            Link("reset-password", token), "Choose a new password");

    public Task SendPasswordChangedAsync(string toEmail, string displayName) =>
        SendAsync(toEmail, displayName, "Your ChitLaq password was changed",
            "The password of your ChitLaq account was just changed and every device was signed out. If this was not you, reset your password now and contact support.",
            link: null, action: null);

    public Task SendDeletionScheduledAsync(string toEmail, string displayName, DateTimeOffset eraseAt) =>
        SendAsync(toEmail, displayName, "Your ChitLaq account will be deleted",
            $"You asked to delete your ChitLaq account, and every device was signed out. On {eraseAt:dddd d MMMM yyyy, HH:mm} UTC your profile, posts, images, follows, bookmarks and notifications will be erased for good. Changed your mind? Sign in before then and nothing is lost. If this was not you, sign in now and change your password.",
            options.Value.PublicBaseUrl.TrimEnd('/') + "/", "Sign in to keep my account");

    public Task SendExportReadyAsync(string toEmail, string displayName, DateTimeOffset expiresAt) =>
        SendAsync(toEmail, displayName, "Your ChitLaq data is ready",
            $"The copy of your ChitLaq data you asked for is ready. Download it from Settings while you are signed in, until {expiresAt:d MMMM yyyy} UTC; after that it is deleted.",
            options.Value.PublicBaseUrl.TrimEnd('/') + "/settings/data", "Download my data");

    public Task SendModerationNoticeAsync(string toEmail, string displayName, ChitLaq.Grains.Abstractions.Moderation.DecisionView decision, bool appealDecided)
    {
        var (subject, text) = ModerationNotice.Compose(decision, appealDecided);
        return SendAsync(toEmail, displayName, subject, text, $"{options.Value.PublicBaseUrl.TrimEnd('/')}/decisions", "See the decision and appeal");
    }

    private string Link(string page, string token) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/{page}?token={Uri.EscapeDataString(token)}";

    private async Task SendAsync(string toEmail, string displayName, string subject, string text, string? link, string? action)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(displayName, toEmail));
        message.Subject = subject;
        var greeting = $"Hi {displayName},";
        var body = new BodyBuilder
        {
            TextBody = $"{greeting}\n\n{text}\n\n{(link is null ? "" : link + "\n\n")}— ChitLaq\n",
            HtmlBody = $"""
                <p>{WebUtility.HtmlEncode(greeting)}</p>
                <p>{WebUtility.HtmlEncode(text)}</p>
                {(link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(action)}</a></p>")}
                <p>— ChitLaq</p>
                """,
        };
        message.Body = body.ToMessageBody();
        await queue.EnqueueAsync(message);
    }
}
