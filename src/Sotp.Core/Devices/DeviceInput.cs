using System.Net;
using System.Text.RegularExpressions;
using Sotp.Core.Events;

namespace Sotp.Core.Devices;

/// <summary>A device as a client sends it (create or full update); validation says what is missing or wrong.</summary>
public sealed partial record DeviceInput(
    long? SiteId,
    string? Name,
    string? Kind,
    string? Address,
    string? Vendor = null,
    string? Model = null,
    IReadOnlyList<string>? Tags = null,
    long? ParentId = null,
    bool? Enabled = null,
    int? IcmpIntervalSeconds = null,
    int? SnmpIntervalSeconds = null,
    DeviceCredentials? Credentials = null,
    long? Version = null,
    string? PriorityOverride = null)
{
    public const int DefaultIcmpIntervalSeconds = 30;
    public const int DefaultSnmpIntervalSeconds = 300;
    public const int MaxTags = 20;

    public (DeviceData? Data, Dictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (SiteId is null or < 1)
        {
            errors["siteId"] = ["siteId is required."];
        }

        var kind = DeviceKind.Other;
        if (Kind is null || !EnumText.TryParse(Kind, out kind))
        {
            errors["kind"] = [$"kind is one of {string.Join(", ", EnumText.Names<DeviceKind>())}."];
        }

        var address = Address?.Trim();
        if (kind == DeviceKind.AlarmPanel)
        {
            // The panel's ETHM-1 port is per site (factory 7094), and the device record has no port field.
            if (!DeviceAddress.TrySplit(address, out var host, out _, out _) || !IsAddress(host))
            {
                errors["address"] = ["address is an IPv4 or IPv6 address or a host name, with :port when the module does not listen on 7094 ([IPv6]:port)."];
            }
        }
        else if (string.IsNullOrEmpty(address) || !IsAddress(address))
        {
            errors["address"] = ["address is an IPv4 or IPv6 address or a host name."];
        }

        if (Vendor?.Length > 100)
        {
            errors["vendor"] = ["vendor is at most 100 characters."];
        }

        if (Model?.Length > 100)
        {
            errors["model"] = ["model is at most 100 characters."];
        }

        var tags = (Tags ?? []).Select(tag => tag?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags || tags.Any(tag => !TagPattern().IsMatch(tag)))
        {
            errors["tags"] = [$"at most {MaxTags} tags of 1-50 letters, digits, '_', '-', '.', ':'."];
        }

        if (IcmpIntervalSeconds is < 5 or > 3600)
        {
            errors["icmpIntervalSeconds"] = ["icmpIntervalSeconds is 5..3600."];
        }

        if (SnmpIntervalSeconds is < 30 or > 86_400)
        {
            errors["snmpIntervalSeconds"] = ["snmpIntervalSeconds is 30..86400."];
        }

        if (ParentId is < 1)
        {
            errors["parentId"] = ["parentId is a device id."];
        }

        EventPriority? priorityOverride = null;
        if (PriorityOverride is not null)
        {
            if (EnumText.TryParse<EventPriority>(PriorityOverride, out var parsed))
            {
                priorityOverride = parsed;
            }
            else
            {
                errors["priorityOverride"] = [$"priorityOverride is null or one of {string.Join(", ", EnumText.Names<EventPriority>())}."];
            }
        }

        foreach (var (field, problems) in (Credentials ?? DeviceCredentials.None).Validate())
        {
            errors[field] = problems;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new DeviceData(SiteId!.Value, name!, kind, Empty(Vendor), Empty(Model), address!, tags, ParentId, Enabled ?? true,
                IcmpIntervalSeconds ?? DefaultIcmpIntervalSeconds, SnmpIntervalSeconds ?? DefaultSnmpIntervalSeconds, Credentials ?? DeviceCredentials.None,
                priorityOverride), errors);
    }

    /// <summary>An IP address (v4 or v6, no port) or an RFC 1123 host name.</summary>
    public static bool IsAddress(string text) =>
        text.Length <= 253 &&
        // IPAddress.TryParse also takes shorthand like "10.1" for 10.0.0.1; an operator means four octets.
        ((IPAddress.TryParse(text, out _) && (text.Contains(':') || text.Count(c => c == '.') == 3)) || HostNamePattern().IsMatch(text));

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,50}$")]
    private static partial Regex TagPattern();

    // Labels of letters, digits and inner hyphens, dot-separated; the last label not all digits (that would be a bad IPv4).
    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*(?![0-9]+$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostNamePattern();
}
