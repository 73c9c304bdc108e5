namespace Sotp.Core.Notifications;

/// <summary>How an EMAIL channel protects its SMTP connection.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP; only for a relay on the same host or network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (port 587); refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}
