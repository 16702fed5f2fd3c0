namespace ChitLaq.Silo.Mail;

/// <summary>Where account emails go (<c>Email</c> section): SMTP when a host is set, else a pickup folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string PickupDirectory { get; set; } = ".data/mail";
    public string From { get; set; } = "ChitLaq <no-reply@chitlaq.local>";

    /// <summary>The address users open links at (the web client), e.g. https://chitlaq.example.edu.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Require TLS (STARTTLS or implicit by port); turn off only for a local relay.</summary>
    public bool UseTls { get; set; } = true;
}
