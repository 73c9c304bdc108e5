using System.Net.Http.Headers;
using System.Text;
using Sotp.Core;
using Sotp.Core.Notifications;

namespace Sotp.Server.Notifications;

/// <summary>
/// SLACK, WEBHOOK, PAGERDUTY and SERVICENOW: one JSON post each. Any 2xx is sent; anything else, or no answer, is a
/// failure the dispatcher retries. Errors name the status and the start of the body, never the URL of a SLACK channel
/// (its URL is its secret) and never a key.
/// </summary>
public sealed class HttpNotificationSender(IHttpClientFactory clients) : INotificationSender
{
    public const string ClientName = "notifications";
    private const int ErrorBodyChars = 200;

    public bool Handles(ChannelKind kind) => kind is not ChannelKind.Email;

    public async Task<SendResult> SendAsync(NotificationChannel channel, string? secret, NotificationMessage message, CancellationToken cancellationToken)
    {
        var (url, body) = channel.Kind switch
        {
            ChannelKind.Slack => (secret, NotificationPayloads.Slack(message)),
            ChannelKind.Webhook => (channel.Url, NotificationPayloads.Webhook(message)),
            ChannelKind.Pagerduty => (channel.Url, NotificationPayloads.PagerDuty(message, secret ?? "")),
            ChannelKind.Servicenow => (channel.Url, NotificationPayloads.ServiceNow(message)),
            _ => (null, ""),
        };
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            return SendResult.Failure(null, $"The {channel.Kind.ToText()} channel has no usable URL.");
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (channel.Kind == ChannelKind.Webhook && secret is not null)
        {
            request.Headers.Add(NotificationPayloads.SignatureHeader, NotificationPayloads.Signature(bytes, secret));
        }

        if (channel.Kind == ChannelKind.Servicenow && secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var status = $"HTTP {(int)response.StatusCode}";
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Ok(status);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return SendResult.Failure(status, $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > ErrorBodyChars ? text[..ErrorBodyChars] : text)}".TrimEnd(' ', ':'));
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Failure(null, $"The receiver cannot be reached: {ex.HttpRequestError} ({ex.InnerException?.Message ?? ex.Message}).");
        }
    }
}
