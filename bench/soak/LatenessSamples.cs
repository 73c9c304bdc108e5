namespace Sotp.Bench.Soak;

/// <summary>Every lateness value (seconds) a soak saw, so the percentiles are exact rather than read off histogram buckets.</summary>
public sealed class LatenessSamples
{
    private readonly Lock _lock = new();
    private List<double> _values = new(100_000);

    public void Add(double seconds)
    {
        lock (_lock)
        {
            _values.Add(seconds);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _values = new List<double>(100_000);
        }
    }

    /// <summary>How many values, p50, p99, max (zeros when none) and how many were over a second.</summary>
    public (int Count, double P50, double P99, double Max, int OverASecond) Summary()
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = [.. _values];
        }

        if (sorted.Length == 0)
        {
            return (0, 0, 0, 0, 0);
        }

        Array.Sort(sorted);
        // Nearest rank: the smallest value with at least p % of the values at or below it.
        double Percentile(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        return (sorted.Length, Percentile(50), Percentile(99), sorted[^1], sorted.Count(late => late > 1));
    }
}
