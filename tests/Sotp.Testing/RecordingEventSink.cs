using Sotp.Core.Events;

namespace Sotp.Testing;

/// <summary>An alarm core that keeps what it is given, and can be told to refuse the next hand-overs.</summary>
public sealed class RecordingEventSink : IEventSink
{
    private readonly Lock _lock = new();
    private readonly List<EventInput> _events = [];
    private int _failuresToCome;

    public IReadOnlyList<EventInput> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls throw, as a store that is down would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToCome, count);

    public Task PublishAsync(EventInput input, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresToCome) >= 0)
        {
            throw new InvalidOperationException("The alarm core is not reachable (scripted).");
        }

        lock (_lock)
        {
            _events.Add(input);
        }

        return Task.CompletedTask;
    }
}
