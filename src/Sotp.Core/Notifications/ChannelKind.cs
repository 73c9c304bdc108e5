namespace Sotp.Core.Notifications;

/// <summary>Where a notification channel sends. Only PAGERDUTY, SERVICENOW and WEBHOOK are told when an alarm resolves.</summary>
public enum ChannelKind
{
    /// <summary>Mail over SMTP; the secret, when given, is the SMTP password.</summary>
    Email,

    /// <summary>A Slack incoming webhook. Its URL is the credential, so it is the channel's secret, never a plain field.</summary>
    Slack,

    /// <summary>Generic JSON, signed with an HMAC-SHA256 of the body under the channel's secret.</summary>
    Webhook,

    /// <summary>PagerDuty Events API v2; the secret is the routing (integration) key.</summary>
    Pagerduty,

    /// <summary>A ServiceNow incident; the secret, when given, is <c>user:password</c> for basic authentication.</summary>
    Servicenow,
}

public static class ChannelKinds
{
    /// <summary>Kinds that keep an incident of their own and are told to close it when the alarm resolves.</summary>
    public static bool TakesResolve(this ChannelKind kind) => kind is ChannelKind.Pagerduty or ChannelKind.Servicenow or ChannelKind.Webhook;
}
