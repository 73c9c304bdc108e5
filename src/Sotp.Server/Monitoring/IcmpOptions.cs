using Microsoft.Extensions.Options;

namespace Sotp.Server.Monitoring;

/// <summary>The <c>Icmp</c> section: how devices are pinged. Each device's interval is its own polling profile.</summary>
public sealed class IcmpOptions
{
    public const string SectionName = "Icmp";

    /// <summary>Off only for nodes that must not ping (an API-only node, tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Echo requests per probe.</summary>
    public int EchoCount { get; set; } = 3;

    public int EchoIntervalMilliseconds { get; set; } = 1000;

    public int TimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Unanswered probes in a row before a device is DOWN.</summary>
    public int FailuresBeforeDown { get; set; } = 2;

    /// <summary>Echo requests per second leaving this node, all devices together: protects links and firewalls.</summary>
    public int PacketsPerSecond { get; set; } = 5000;

    /// <summary>Probes running at once; more wait (and are reported late).</summary>
    public int MaxConcurrentProbes { get; set; } = 4000;

    /// <summary>How often the device list is re-read besides the immediate wake-up on a change made on this node.</summary>
    public int InventoryRefreshSeconds { get; set; } = 30;

    /// <summary>How long a resolved host name is trusted.</summary>
    public int DnsCacheSeconds { get; set; } = 300;
}

public sealed class IcmpOptionsValidator : IValidateOptions<IcmpOptions>
{
    public ValidateOptionsResult Validate(string? name, IcmpOptions options)
    {
        var failures = new List<string>();
        Range(failures, "EchoCount", options.EchoCount, 1, 20);
        Range(failures, "EchoIntervalMilliseconds", options.EchoIntervalMilliseconds, 10, 60_000);
        Range(failures, "TimeoutMilliseconds", options.TimeoutMilliseconds, 10, 60_000);
        Range(failures, "FailuresBeforeDown", options.FailuresBeforeDown, 1, 100);
        Range(failures, "PacketsPerSecond", options.PacketsPerSecond, 10, 1_000_000);
        Range(failures, "MaxConcurrentProbes", options.MaxConcurrentProbes, 1, 100_000);
        Range(failures, "InventoryRefreshSeconds", options.InventoryRefreshSeconds, 1, 3600);
        Range(failures, "DnsCacheSeconds", options.DnsCacheSeconds, 0, 86_400);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{IcmpOptions.SectionName}:{key} {value} is outside {min}..{max}.");
        }
    }
}
