using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Sotp.Core;
using Sotp.Core.Notifications;

namespace Sotp.Server.Notifications;

/// <summary>EMAIL through MailKit: one SMTP conversation per message. The result carries the server's reply to the message.</summary>
public sealed class SmtpNotificationSender : INotificationSender
{
    public bool Handles(ChannelKind kind) => kind == ChannelKind.Email;

    public async Task<SendResult> SendAsync(NotificationChannel channel, string? secret, NotificationMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        try
        {
            var security = channel.SmtpSecurity switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(channel.SmtpHost ?? "", channel.SmtpPort ?? 25, security, cancellationToken);
            if (channel.SmtpUsername is not null && secret is not null)
            {
                await client.AuthenticateAsync(channel.SmtpUsername, secret, cancellationToken);
            }

            var reply = await client.SendAsync(Compose(channel, message), cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return SendResult.Ok($"250 {reply}".Trim());
        }
        catch (SmtpCommandException ex)
        {
            return SendResult.Failure($"{(int)ex.StatusCode} {ex.Message}", $"The SMTP server refused {ex.ErrorCode}: {ex.Message}");
        }
        catch (AuthenticationException)
        {
            return SendResult.Failure(null, "The SMTP server refused the user name and password.");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or SslHandshakeException or NotSupportedException or ParseException)
        {
            return SendResult.Failure(null, $"SMTP failed: {ex.Message}");
        }
    }

    private static MimeMessage Compose(NotificationChannel channel, NotificationMessage message)
    {
        var mail = new MimeMessage { Subject = message.Summary };
        mail.From.Add(MailboxAddress.Parse(channel.MailFrom ?? ""));
        mail.To.AddRange(channel.MailTo.Select(MailboxAddress.Parse));
        var alarm = message.Alarm;
        mail.Body = new TextPart("plain")
        {
            Text = $"""
                {message.Summary}

                Event:    {message.Event.ToText()}
                Priority: {alarm.Priority.ToText()}
                State:    {alarm.State.ToText()}
                Category: {alarm.Category}
                Site:     {alarm.SiteId}
                Device:   {alarm.DeviceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}
                Opened:   {alarm.OpenedAt:O}
                Events:   {alarm.EventCount}
                """,
        };
        return mail;
    }
}
