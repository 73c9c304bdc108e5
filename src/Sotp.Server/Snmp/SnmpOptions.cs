using Microsoft.Extensions.Options;
using Sotp.Server.Snmp.Traps;

namespace Sotp.Server.Snmp;

/// <summary>The <c>Snmp</c> section: how this node polls devices with SNMP credentials. Each device's interval is its own.</summary>
public sealed class SnmpOptions
{
    public const string SectionName = "Snmp";

    /// <summary>Off for nodes that must not poll (an API-only node, tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The agents' UDP port. The device record has no port; every agent of an installation listens on the same one.</summary>
    public int Port { get; set; } = 161;

    /// <summary>How long each request waits for its answer.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <summary>Attempts after the first before a request (and the poll) is TIMEOUT.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>GetBulk max-repetitions for table walks (halved when an agent answers tooBig).</summary>
    public int MaxRepetitions { get; set; } = 25;

    /// <summary>Devices polled at once; more wait (and are reported late).</summary>
    public int MaxConcurrentPolls { get; set; } = 200;

    /// <summary>How often the device list is re-read besides the immediate wake-up on a change made on this node.</summary>
    public int InventoryRefreshSeconds { get; set; } = 30;

    /// <summary>How long a resolved host name is trusted.</summary>
    public int DnsCacheSeconds { get; set; } = 300;

    /// <summary>Whether this node listens for traps and informs (independent of <see cref="Enabled"/>, which is polling).</summary>
    public bool TrapsEnabled { get; set; } = true;

    /// <summary>The UDP port traps arrive on; 162 needs root or CAP_NET_BIND_SERVICE.</summary>
    public int TrapPort { get; set; } = 162;

    /// <summary>SNMPv3 users accepted for traps and informs from any enabled device, besides each v3 device's own user.</summary>
    public List<SnmpTrapUserOptions> TrapUsers { get; set; } = [];

    /// <summary>Our engine id in hex (informs are sent to it); empty = one derived from the host name, stable across restarts.</summary>
    public string? EngineId { get; set; }
}

public sealed class SnmpOptionsValidator : IValidateOptions<SnmpOptions>
{
    public ValidateOptionsResult Validate(string? name, SnmpOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Port", options.Port, 1, 65_535);
        Range(failures, "TimeoutMilliseconds", options.TimeoutMilliseconds, 50, 60_000);
        Range(failures, "Retries", options.Retries, 0, 10);
        Range(failures, "MaxRepetitions", options.MaxRepetitions, 1, 200);
        Range(failures, "MaxConcurrentPolls", options.MaxConcurrentPolls, 1, 100_000);
        Range(failures, "InventoryRefreshSeconds", options.InventoryRefreshSeconds, 1, 3600);
        Range(failures, "TrapPort", options.TrapPort, 1, 65_535);
        Range(failures, "DnsCacheSeconds", options.DnsCacheSeconds, 0, 86_400);
        failures.AddRange(options.TrapUsers.SelectMany((user, index) => user.Problems(index)));
        if (!string.IsNullOrEmpty(options.EngineId) && SnmpTrapUserOptions.ParseEngineId(options.EngineId) is null)
        {
            failures.Add($"{SnmpOptions.SectionName}:EngineId '{options.EngineId}' is not 5 to 32 bytes of hex.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SnmpOptions.SectionName}:{key} {value} is outside {min}..{max}.");
        }
    }
}
