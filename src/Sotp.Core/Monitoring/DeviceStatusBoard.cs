using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Sotp.Core.Monitoring;

/// <summary>
/// The current status of every polled device, kept in memory for the API and the console (never read from the
/// store), and the stream of status changes for whoever turns them into events and alarms. Each subscriber gets
/// its own bounded queue; a subscriber that stops reading loses its oldest changes, never blocks the pollers.
/// </summary>
public sealed class DeviceStatusBoard
{
    private const int SubscriberCapacity = 100_000;

    private readonly ConcurrentDictionary<long, DeviceState> _states = new();
    private readonly Lock _subscribersLock = new();
    private ImmutableSubscribers _subscribers = new([]);

    public DeviceState Get(long deviceId) =>
        _states.TryGetValue(deviceId, out var state) ? state : new DeviceState(deviceId, DeviceStatus.Unknown, null, null, null, null, null);

    public IReadOnlyCollection<DeviceState> All => _states.Values.ToList();

    /// <summary>Counts by status over the given devices (devices never probed count as UNKNOWN).</summary>
    public IReadOnlyDictionary<DeviceStatus, int> Count(IEnumerable<long> deviceIds)
    {
        var counts = Enum.GetValues<DeviceStatus>().ToDictionary(status => status, _ => 0);
        foreach (var id in deviceIds)
        {
            counts[Get(id).Status]++;
        }

        return counts;
    }

    /// <summary>Stores a probe's outcome and announces a status change when there is one.</summary>
    public void Report(DeviceState probed, StatusChange? change)
    {
        _states.AddOrUpdate(probed.DeviceId,
            _ => probed with { Since = change?.At },
            (_, previous) => probed with { Since = change?.At ?? previous.Since });
        if (change is not null)
        {
            Publish(change);
        }
    }

    /// <summary>The device is no longer polled: its state is dropped (it reads as UNKNOWN) and the change announced.</summary>
    public void Remove(long deviceId, StatusChange? change)
    {
        _states.TryRemove(deviceId, out _);
        if (change is not null)
        {
            Publish(change);
        }
    }

    public ChannelReader<StatusChange> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<StatusChange>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_subscribersLock)
        {
            _subscribers = new([.. _subscribers.Writers, channel.Writer]);
        }

        cancellationToken.Register(() =>
        {
            lock (_subscribersLock)
            {
                _subscribers = new(_subscribers.Writers.Where(writer => writer != channel.Writer).ToArray());
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    private void Publish(StatusChange change)
    {
        foreach (var writer in _subscribers.Writers)
        {
            writer.TryWrite(change);
        }
    }

    // Replaced whole under the lock and read without it: publishing never waits for a subscription.
    private sealed record ImmutableSubscribers(ChannelWriter<StatusChange>[] Writers);
}
