using Sotp.Core.Alarms;

namespace Sotp.Core.Notifications;

/// <summary>
/// One alarm event owed to one channel, kept in the store until sent or given up, so a restart loses nothing.
/// <see cref="Alarm"/> is the alarm as it was when the event happened, so a retry sends what the first attempt sent.
/// </summary>
public sealed record Delivery(long Id, long ChannelId, NotificationEvent Event, Alarm Alarm, DeliveryStatus Status, int Attempts, DateTimeOffset NextAttemptAt);

/// <summary>A delivery to plan: the unique (channel, alarm, event) makes planning the same outbox row twice harmless.</summary>
public sealed record PlannedDelivery(long ChannelId, NotificationEvent Event, Alarm Alarm);
