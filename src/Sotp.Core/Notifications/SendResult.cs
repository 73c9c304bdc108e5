namespace Sotp.Core.Notifications;

/// <summary>What one attempt to reach a channel ended with.</summary>
/// <param name="Response">What the peer answered: "HTTP 202", or the SMTP server's reply to the message ("250 2.0.0 Ok").</param>
/// <param name="Error">Why it failed, without secrets; null when sent.</param>
public sealed record SendResult(bool Sent, string? Response, string? Error)
{
    public static SendResult Ok(string response) => new(true, response, null);

    public static SendResult Failure(string? response, string error) => new(false, response, error);
}
