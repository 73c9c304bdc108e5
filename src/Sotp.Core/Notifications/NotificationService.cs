using System.Globalization;
using Sotp.Core.Alarms;
using Sotp.Core.Audit;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Secrets;

namespace Sotp.Core.Notifications;

/// <summary>Channels as the API manages them, their test message, and an alarm's delivery log.</summary>
public sealed class NotificationService(INotificationStore store, ISecretStore secrets, NotificationDispatcher dispatcher, AlarmService alarms, IAuditLog audit, TimeProvider time)
{
    public const string TestAction = "notification_channel.tested";

    public Task<IReadOnlyList<NotificationChannel>> ListAsync(CancellationToken cancellationToken) => store.ListChannelsAsync(cancellationToken);

    public async Task<NotificationChannel> GetAsync(long id, CancellationToken cancellationToken) =>
        await store.GetChannelAsync(id, cancellationToken) ?? throw DomainException.NotFound("notification channel", id);

    public async Task<NotificationChannel> CreateAsync(NotificationChannelInput input, Caller caller, CancellationToken cancellationToken) =>
        await store.CreateChannelAsync(await ValidAsync(input, cancellationToken), caller, cancellationToken);

    public async Task<NotificationChannel> UpdateAsync(long id, NotificationChannelInput input, long? version, Caller caller, CancellationToken cancellationToken) =>
        await store.UpdateChannelAsync(id, Require.Version(version), await ValidAsync(input, cancellationToken), caller, cancellationToken);

    public Task DeleteAsync(long id, long? version, Caller caller, CancellationToken cancellationToken) =>
        store.DeleteChannelAsync(id, Require.Version(version), caller, cancellationToken);

    /// <summary>Sends a made-up alarm once, now, and audits the outcome (not the message, which may name the secret's use).</summary>
    public async Task<SendResult> TestAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        var channel = await GetAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        var alarm = new Alarm(0, 0, null, "test", EventPriority.Info, AlarmState.New, "Test message from SOTP", false, false, 1, [],
            now, now, now, null, null, null, null, null, null, null, 1);
        var result = await dispatcher.SendAsync(channel, new NotificationMessage(alarm, NotificationEvent.Test), cancellationToken);
        await audit.AppendAsync(new AuditEntry(caller.Actor, TestAction, "notification_channel", id.ToString(CultureInfo.InvariantCulture),
            Detail: result.Sent ? $"sent: {result.Response}" : $"failed: {result.Response} {result.Error}".Trim(), RequestId: caller.RequestId, ClientIp: caller.ClientIp), cancellationToken);
        return result;
    }

    /// <summary>The alarm's delivery log, for whoever may see the alarm (site scope applies).</summary>
    public async Task<IReadOnlyList<NotificationAttempt>> AttemptsAsync(long alarmId, Caller caller, CancellationToken cancellationToken)
    {
        await alarms.GetAsync(alarmId, caller, cancellationToken);
        return await store.AttemptsAsync(alarmId, cancellationToken);
    }

    private async Task<NotificationChannel> ValidAsync(NotificationChannelInput input, CancellationToken cancellationToken)
    {
        var (errors, channel) = input.Validate();
        if (input.SecretId is { } secretId && !errors.ContainsKey("secretId"))
        {
            // Channels serve every site, so a secret scoped to one site (and to its technicians) may not feed them.
            var secret = await secrets.GetAsync(secretId, cancellationToken);
            if (secret is null || secret.Value.Info.SiteId is not null)
            {
                errors["secretId"] = [$"There is no global secret {secretId} (a channel's secret belongs to no site)."];
            }
        }

        Require.Valid(errors);
        return channel;
    }
}
