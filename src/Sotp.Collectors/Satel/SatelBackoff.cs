namespace Sotp.Collectors.Satel;

/// <summary>The waits between reconnect attempts: each failure takes the next, the last repeats, an answer starts over.</summary>
public sealed class SatelBackoff(IReadOnlyList<TimeSpan> steps)
{
    private int _failures;

    public TimeSpan Next()
    {
        var wait = steps[Math.Min(_failures, steps.Count - 1)];
        _failures++;
        return wait;
    }

    public void Reset() => _failures = 0;
}
