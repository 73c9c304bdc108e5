using System.Text.Json;
using Sotp.Core;
using Sotp.Core.Alarms;
using Sotp.Core.Events;
using Sotp.Core.Notifications;

namespace Sotp.Storage.Notifications;

/// <summary>Rows of the notification tables as Dapper reads and writes them, and their conversion to the domain records.</summary>
internal static class NotificationRows
{
    public const string ChannelColumns =
        "id, name, kind, min_priority, enabled, url, smtp_host, smtp_port, smtp_security, smtp_username, mail_from, mail_to, secret_id, created_at, version, escalation_only";

    public const string DeliveryColumns = "id, channel_id, event, alarm_json, status, attempts, next_attempt_at";

    public const string AttemptColumns = "id, alarm_id, channel_id, channel_name, kind, event, attempt, at, status, response, error";

    /// <summary>The parameters of an INSERT or UPDATE of a channel, enums as their words and the recipients as JSON.</summary>
    public static object Parameters(NotificationChannel channel, long id, DateTimeOffset now) => new
    {
        id,
        now,
        channel.Name,
        kind = channel.Kind.ToText(),
        minPriority = channel.MinPriority.ToText(),
        channel.Enabled,
        channel.Url,
        channel.SmtpHost,
        channel.SmtpPort,
        smtpSecurity = channel.SmtpSecurity?.ToText(),
        channel.SmtpUsername,
        channel.MailFrom,
        mailTo = JsonSerializer.Serialize(channel.MailTo),
        channel.SecretId,
        channel.EscalationOnly,
    };

    public sealed class ChannelRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string MinPriority { get; init; } = "";
        public bool Enabled { get; init; }
        public string? Url { get; init; }
        public string? SmtpHost { get; init; }
        public long? SmtpPort { get; init; }
        public string? SmtpSecurity { get; init; }
        public string? SmtpUsername { get; init; }
        public string? MailFrom { get; init; }
        public string MailTo { get; init; } = "[]";
        public long? SecretId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public long Version { get; init; }
        public bool EscalationOnly { get; init; }

        public NotificationChannel ToChannel() => new(Id, Name, EnumText.Parse<ChannelKind>(Kind), EnumText.Parse<EventPriority>(MinPriority), Enabled, Url,
            SmtpHost, (int?)SmtpPort, SmtpSecurity is null ? null : EnumText.Parse<SmtpSecurity>(SmtpSecurity), SmtpUsername, MailFrom,
            JsonSerializer.Deserialize<List<string>>(MailTo) ?? [], SecretId, CreatedAt, Version, EscalationOnly);
    }

    public sealed class DeliveryRow
    {
        public long Id { get; init; }
        public long ChannelId { get; init; }
        public string Event { get; init; } = "";
        public string AlarmJson { get; init; } = "";
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }

        public Delivery ToDelivery() => new(Id, ChannelId, EnumText.Parse<NotificationEvent>(Event), JsonSerializer.Deserialize<Alarm>(AlarmJson, SotpJson.Options)!,
            EnumText.Parse<DeliveryStatus>(Status), (int)Attempts, NextAttemptAt);
    }

    public sealed class AttemptRow
    {
        public long Id { get; init; }
        public long AlarmId { get; init; }
        public long ChannelId { get; init; }
        public string ChannelName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Event { get; init; } = "";
        public long Attempt { get; init; }
        public DateTimeOffset At { get; init; }
        public string Status { get; init; } = "";
        public string? Response { get; init; }
        public string? Error { get; init; }

        public NotificationAttempt ToAttempt() => new(Id, AlarmId, ChannelId, ChannelName, EnumText.Parse<ChannelKind>(Kind), EnumText.Parse<NotificationEvent>(Event),
            (int)Attempt, At, EnumText.Parse<DeliveryStatus>(Status), Response, Error);
    }
}
