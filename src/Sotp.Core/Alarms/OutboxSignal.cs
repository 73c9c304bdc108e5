namespace Sotp.Core.Alarms;

/// <summary>
/// Wakes the outbox relay right after a commit, so a new alarm reaches screens in milliseconds rather than at the
/// relay's next poll. Pulses are coalesced: many commits while the relay works wake it once.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    public void Dispose() => _pulse.Dispose();

    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulsed and not yet consumed: the relay will read this commit too.
        }
    }

    /// <returns>True when pulsed, false when <paramref name="timeout"/> passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);
}
