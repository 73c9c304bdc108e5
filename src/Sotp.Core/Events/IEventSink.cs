namespace Sotp.Core.Events;

/// <summary>Where collectors hand their events to the alarm core. Returns once the event is stored (or counted as a duplicate).</summary>
public interface IEventSink
{
    Task PublishAsync(EventInput input, CancellationToken cancellationToken);
}
