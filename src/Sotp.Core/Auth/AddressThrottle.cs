using System.Collections.Concurrent;

namespace Sotp.Core.Auth;

/// <summary>
/// Failed logins per client address in memory: <see cref="LoginLimits.FailuresPerAddress"/> failures within a
/// minute block the address for a minute. Per node by design: an attacker spread over nodes still meets the
/// per-account lock, which lives in the store.
/// </summary>
public sealed class AddressThrottle(TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, AddressState> _addresses = new();

    public bool IsBlocked(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_addresses.TryGetValue(address, out var state))
        {
            return false;
        }

        lock (state)
        {
            var now = time.GetUtcNow();
            if (state.BlockedUntil > now)
            {
                retryAfter = state.BlockedUntil - now;
                return true;
            }

            return false;
        }
    }

    public void RecordFailure(string address)
    {
        var now = time.GetUtcNow();
        var state = _addresses.GetOrAdd(address, _ => new AddressState());
        lock (state)
        {
            state.Failures.Enqueue(now);
            while (state.Failures.Count > 0 && now - state.Failures.Peek() > LoginLimits.AddressWindow)
            {
                state.Failures.Dequeue();
            }

            if (state.Failures.Count >= LoginLimits.FailuresPerAddress)
            {
                state.BlockedUntil = now + LoginLimits.AddressBlock;
                state.Failures.Clear();
            }
        }

        if (_addresses.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, state) in _addresses)
        {
            lock (state)
            {
                if (state.BlockedUntil <= now && (state.Failures.Count == 0 || now - state.Failures.Peek() > LoginLimits.AddressWindow))
                {
                    _addresses.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class AddressState
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
