using System.Threading.Channels;

namespace Sotp.Core.Alarms;

/// <summary>
/// One live client's queue: first what it missed, then every new message it may see, in seq order. A client that
/// does not keep up is cut off (its reader completes with <see cref="SlowConsumerException"/>) rather than
/// slowing everyone down; it reconnects with the last seq it saw and loses nothing.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    public const int Capacity = 20_000;

    private readonly Channel<OutboxMessage> _channel = Channel.CreateBounded<OutboxMessage>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly Func<long, bool> _maySee;
    private readonly Action<LiveSubscription> _onDispose;
    private long _after;

    internal LiveSubscription(long after, Func<long, bool> maySee, Action<LiveSubscription> onDispose)
    {
        _after = after;
        _maySee = maySee;
        _onDispose = onDispose;
    }

    public ChannelReader<OutboxMessage> Reader => _channel.Reader;

    /// <summary>Queues the message unless the client saw it already or may not see its site.</summary>
    internal void Offer(OutboxMessage message)
    {
        if (message.Seq <= _after)
        {
            return;
        }

        _after = message.Seq;
        if (_maySee(message.SiteId) && !_channel.Writer.TryWrite(message))
        {
            _channel.Writer.TryComplete(new SlowConsumerException());
        }
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _onDispose(this);
    }
}

public sealed class SlowConsumerException() : Exception($"The client fell more than {LiveSubscription.Capacity} messages behind; reconnect with the last seq seen.");
