using ChitLaq.Grains.Accounts;

namespace ChitLaq.Silo.Mail;

public static class MailSetup
{
    public static WebApplicationBuilder AddChitLaqMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Email:PublicBaseUrl must be an absolute URL.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address.")
            .Validate(o => o.UsesSmtp || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Set Email:Smtp:Host or Email:PickupDirectory.")
            .ValidateOnStart();
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailQueue>());
        builder.Services.AddSingleton<IAccountMailer, AccountMailer>();
        return builder;
    }
}
