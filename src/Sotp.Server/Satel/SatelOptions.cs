using Microsoft.Extensions.Options;
using Sotp.Collectors.Satel;

namespace Sotp.Server.Satel;

/// <summary>The <c>Satel</c> section: how this node watches INTEGRA panels (devices of kind ALARM_PANEL).</summary>
public sealed class SatelOptions
{
    public const string SectionName = "Satel";

    /// <summary>Off for a node that must not hold panel connections (an API-only node).</summary>
    public bool Enabled { get; set; } = true;

    public int PollIntervalMilliseconds { get; set; } = (int)SatelWorkerOptions.DefaultPollInterval.TotalMilliseconds;

    /// <summary>How long a panel's answers count as current; after this without one its partitions and zones are UNKNOWN.</summary>
    public int UnknownAfterSeconds { get; set; } = (int)SatelWorkerOptions.DefaultUnknownAfter.TotalSeconds;

    /// <summary>The heartbeat timeout: how long one request waits for its answer.</summary>
    public int RequestTimeoutMilliseconds { get; set; } = (int)SatelClientOptions.DefaultRequestTimeout.TotalMilliseconds;

    /// <summary>How often the panel list is re-read besides the immediate wake-up on a change made on this node.</summary>
    public int InventoryRefreshSeconds { get; set; } = 30;

    /// <summary>How long a control command may wait for its answer (including for the panel to be connected).</summary>
    public int CommandTimeoutSeconds { get; set; } = 10;
}

public sealed class SatelOptionsValidator : IValidateOptions<SatelOptions>
{
    public ValidateOptionsResult Validate(string? name, SatelOptions options)
    {
        var failures = new List<string>();
        Range(failures, "PollIntervalMilliseconds", options.PollIntervalMilliseconds, 100, 20_000);
        Range(failures, "UnknownAfterSeconds", options.UnknownAfterSeconds, 1, 3600);
        Range(failures, "RequestTimeoutMilliseconds", options.RequestTimeoutMilliseconds, 100, 30_000);
        Range(failures, "InventoryRefreshSeconds", options.InventoryRefreshSeconds, 1, 3600);
        Range(failures, "CommandTimeoutSeconds", options.CommandTimeoutSeconds, 1, 600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SatelOptions.SectionName}:{key} {value} is outside {min}..{max}.");
        }
    }
}
