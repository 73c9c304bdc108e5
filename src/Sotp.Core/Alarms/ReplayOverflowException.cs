namespace Sotp.Core.Alarms;

/// <summary>
/// What the client missed is no longer kept (older than the store's replay window, or purged): it must reload
/// through the REST API. <see cref="RetryAfter"/> is jittered so that a crowd of clients does not return at once.
/// </summary>
public sealed class ReplayOverflowException(TimeSpan retryAfter)
    : Exception("The messages after the given seq are no longer kept; reload through the API.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
