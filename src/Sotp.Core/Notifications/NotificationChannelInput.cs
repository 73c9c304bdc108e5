using Sotp.Core.Events;

namespace Sotp.Core.Notifications;

/// <summary>What a client sends to create or replace a channel. Field rules depend on the kind; see <see cref="Validate"/>.</summary>
public sealed record NotificationChannelInput(
    string? Name,
    string? Kind,
    string? MinPriority = null,
    bool? Enabled = null,
    string? Url = null,
    string? SmtpHost = null,
    int? SmtpPort = null,
    string? SmtpSecurity = null,
    string? SmtpUsername = null,
    string? MailFrom = null,
    IReadOnlyList<string>? MailTo = null,
    long? SecretId = null,
    long? Version = null,
    bool? EscalationOnly = null)
{
    public const string PagerDutyEventsUrl = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>Every field error at once, and the parsed channel fields when there are none.</summary>
    public (Dictionary<string, string[]> Errors, NotificationChannel Parsed) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }

        if (!EnumText.TryParse<ChannelKind>(Kind, out var kind))
        {
            errors["kind"] = [$"kind is one of {string.Join(", ", EnumText.Names<ChannelKind>())}."];
        }

        var priority = EventPriority.Low;
        if (MinPriority is not null && !EnumText.TryParse(MinPriority, out priority))
        {
            errors["minPriority"] = [$"minPriority is one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
        }

        var security = Notifications.SmtpSecurity.StartTls;
        if (SmtpSecurity is not null && !EnumText.TryParse(SmtpSecurity, out security))
        {
            errors["smtpSecurity"] = [$"smtpSecurity is one of {string.Join(", ", EnumText.Names<SmtpSecurity>())}."];
        }

        if (!errors.ContainsKey("kind"))
        {
            ChannelRules.Check(this, kind, errors);
        }

        var isEmail = kind == ChannelKind.Email;
        var url = kind switch
        {
            ChannelKind.Email or ChannelKind.Slack => null,
            ChannelKind.Pagerduty => string.IsNullOrWhiteSpace(Url) ? PagerDutyEventsUrl : Url.Trim(),
            _ => Url?.Trim(),
        };
        var parsed = new NotificationChannel(0, Name?.Trim() ?? "", kind, priority, Enabled ?? true, url,
            isEmail ? SmtpHost?.Trim() : null, isEmail ? SmtpPort ?? DefaultPort(security) : null, isEmail ? security : null,
            isEmail ? SmtpUsername?.Trim() : null, isEmail ? MailFrom?.Trim() : null,
            isEmail ? MailTo?.Select(to => to.Trim()).ToList() ?? [] : [], SecretId, default, 0, EscalationOnly ?? false);
        return (errors, parsed);
    }

    private static int DefaultPort(SmtpSecurity security) => security switch
    {
        Notifications.SmtpSecurity.Tls => 465,
        Notifications.SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}
