using System.Net.Mail;

namespace Sotp.Core.Notifications;

/// <summary>The fields each kind needs, and the ones it must not carry (a stray field would be silently ignored otherwise).</summary>
internal static class ChannelRules
{
    public static void Check(NotificationChannelInput input, ChannelKind kind, Dictionary<string, string[]> errors)
    {
        if (kind == ChannelKind.Email)
        {
            CheckEmail(input, errors);
        }
        else if ((input.SmtpHost ?? input.SmtpUsername ?? input.MailFrom ?? input.SmtpSecurity) is not null || input.SmtpPort is not null || input.MailTo is not null)
        {
            errors["smtpHost"] = ["SMTP and mail fields belong to EMAIL channels only."];
        }

        switch (kind)
        {
            case ChannelKind.Email or ChannelKind.Slack when input.Url is not null:
                errors["url"] = [kind == ChannelKind.Slack ? "a Slack webhook URL is a credential: store it as a secret and give its secretId." : "EMAIL channels have no url."];
                break;
            case ChannelKind.Webhook or ChannelKind.Servicenow when !IsHttpUrl(input.Url):
            case ChannelKind.Pagerduty when input.Url is not null && !IsHttpUrl(input.Url):
                errors["url"] = ["url is an absolute http or https URL, at most 2000 characters."];
                break;
        }

        if (kind is ChannelKind.Slack or ChannelKind.Webhook or ChannelKind.Pagerduty && input.SecretId is null)
        {
            errors["secretId"] = [kind switch
            {
                ChannelKind.Slack => "SLACK needs secretId: the secret holding the incoming-webhook URL.",
                ChannelKind.Webhook => "WEBHOOK needs secretId: the secret holding the HMAC key that signs each body.",
                _ => "PAGERDUTY needs secretId: the secret holding the routing key.",
            }];
        }
    }

    private static void CheckEmail(NotificationChannelInput input, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(input.SmtpHost) || input.SmtpHost.Length > 253 || Uri.CheckHostName(input.SmtpHost.Trim()) == UriHostNameType.Unknown)
        {
            errors["smtpHost"] = ["smtpHost is a host name or address."];
        }

        if (input.SmtpPort is < 1 or > 65535)
        {
            errors["smtpPort"] = ["smtpPort is 1..65535."];
        }

        if (!IsAddress(input.MailFrom))
        {
            errors["mailFrom"] = ["mailFrom is an e-mail address."];
        }

        if (input.MailTo is not { Count: > 0 and <= 50 } || !input.MailTo.All(IsAddress))
        {
            errors["mailTo"] = ["mailTo lists 1 to 50 e-mail addresses."];
        }

        if ((input.SmtpUsername is null) != (input.SecretId is null) || input.SmtpUsername?.Length > 200)
        {
            errors["smtpUsername"] = ["an SMTP user name (at most 200 characters) and its password secret (secretId) come together."];
        }
    }

    private static bool IsHttpUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsAddress(string? address) =>
        address is { Length: > 0 and <= 254 } && MailAddress.TryCreate(address.Trim(), out var parsed) && parsed.Address == address.Trim();
}
