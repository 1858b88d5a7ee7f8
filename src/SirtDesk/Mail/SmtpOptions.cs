namespace SirtDesk.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or a trusted network only).</summary>
    None,

    /// <summary>STARTTLS is required; the connection fails if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>MailKit decides: TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>Section <c>Mail:Smtp</c>: where outgoing mail is handed over. Without a host nothing is sent.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Attempts per message before it is given up (the reason stays on the row and on the case page).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Seconds between looks at the outbox; 0 means no background rounds (tests drive <see cref="OutboxDelivery.RunOnceAsync"/>).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Timeout of each SMTP operation (connect, authenticate, send).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
