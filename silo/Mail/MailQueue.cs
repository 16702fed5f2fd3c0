using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChitLaq.Silo.Mail;

/// <summary>
/// Sends queued messages in the background — by SMTP (MailKit) when <c>Email:Smtp:Host</c> is set,
/// otherwise as RFC 5322 .eml files in <c>Email:PickupDirectory</c> — so that a slow mail server
/// never holds up the grain that asked for the email. A failed SMTP send is retried a few times.
/// </summary>
public sealed class MailQueue(IOptions<EmailOptions> options, ILogger<MailQueue> logger) : BackgroundService
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateBounded<MimeMessage>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public ValueTask EnqueueAsync(MimeMessage message) => _queue.Writer.WriteAsync(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await DeliverAsync(message, stoppingToken);
                    break;
                }
                catch (Exception ex) when (attempt < 3 && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Sending mail failed (attempt {Attempt}); retrying", attempt);
                    await Task.Delay(TimeSpan.FromSeconds(2 * attempt), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Never log the body: it carries a token.
                    logger.LogError(ex, "Giving up on mail '{Subject}'", message.Subject);
                    break;
                }
            }
        }
    }

    private Task DeliverAsync(MimeMessage message, CancellationToken cancellation) =>
        options.Value.UsesSmtp ? SendSmtpAsync(message, cancellation) : WritePickupAsync(message, cancellation);

    private async Task SendSmtpAsync(MimeMessage message, CancellationToken cancellation)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        var security = smtp.UseTls ? SecureSocketOptions.Auto : SecureSocketOptions.None;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellation);
        if (!string.IsNullOrEmpty(smtp.Username))
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellation);
        await client.SendAsync(message, cancellation);
        await client.DisconnectAsync(quit: true, cancellation);
    }

    private async Task WritePickupAsync(MimeMessage message, CancellationToken cancellation)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(directory, name + ".tmp");
        // Written aside and renamed, so a reader never sees half a message.
        await message.WriteToAsync(temporary, cancellation);
        File.Move(temporary, Path.Combine(directory, name + ".eml"));
    }
}
