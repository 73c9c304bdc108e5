using System.Globalization;
using Sotp.Core.Alarms;
using Sotp.Core.Errors;
using Sotp.Core.Events;
using Sotp.Core.Monitoring;

namespace Sotp.Server.Alarms;

/// <summary>
/// Turns device status changes into events: DOWN opens (or, behind a DOWN parent, joins) an availability alarm;
/// UP after DOWN is a signal and resolves the device's alarm, after which devices that were filed as affected and
/// are still DOWN get alarms of their own. A change is retried while the store is unreachable, never dropped.
/// </summary>
public sealed partial class StatusEventsService(DeviceStatusBoard board, EventIntake intake, AlarmService alarms, TimeProvider time, ILogger<StatusEventsService> logger)
    : BackgroundService
{
    public const string Category = "availability";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = board.Subscribe(stoppingToken);
        try
        {
            await foreach (var change in changes.ReadAllAsync(stoppingToken))
            {
                await HandleWithRetryAsync(change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task HandleAsync(StatusChange change, CancellationToken cancellationToken)
    {
        if (change.To == DeviceStatus.Down)
        {
            await intake.FileAsync(Event(change.DeviceId, "device_down", EventPriority.High, EventKind.Alarm, $"no answer ({change.Reason})", change.At, ""), cancellationToken);
        }
        else if (change is { From: DeviceStatus.Down, To: DeviceStatus.Up })
        {
            await intake.FileAsync(Event(change.DeviceId, "device_up", EventPriority.Info, EventKind.Signal, "answers again", change.At, ""), cancellationToken);
            var resolved = await alarms.ResolveByRestoreAsync(change.DeviceId, Category, "the device answers again", cancellationToken);
            foreach (var childId in resolved?.AffectedDeviceIds ?? [])
            {
                if (board.Get(childId).Status == DeviceStatus.Down)
                {
                    await intake.FileAsync(Event(childId, "device_down", EventPriority.High, EventKind.Alarm,
                        "still no answer after its parent recovered", time.GetUtcNow(), $":after-parent-{resolved!.Id}"), cancellationToken);
                }
            }
        }
    }

    private async Task HandleWithRetryAsync(StatusChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await HandleAsync(change, cancellationToken);
                return;
            }
            catch (DomainException ex)
            {
                LogRefused(logger, change.DeviceId, ex.Message); // The device was deleted meanwhile: nothing to alarm about.
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    LogRetrying(logger, change.DeviceId, ex);
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), time, cancellationToken);
            }
        }
    }

    /// <summary>One event per device, code and minute: a flapping device within a minute is counted, not repeated.</summary>
    private static EventInput Event(long deviceId, string code, EventPriority priority, EventKind kind, string message, DateTimeOffset at, string keySuffix) =>
        new("icmp", null, deviceId, null, Category, code, priority, kind, message, at,
            $"{deviceId.ToString(CultureInfo.InvariantCulture)}:{code}:{at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}{keySuffix}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Status change of device {DeviceId} not filed as an event: {Reason}")]
    private static partial void LogRefused(ILogger logger, long deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status change of device {DeviceId} could not be filed yet; retrying until the store answers")]
    private static partial void LogRetrying(ILogger logger, long deviceId, Exception exception);
}
