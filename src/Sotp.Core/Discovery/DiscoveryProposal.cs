using Sotp.Core.Devices;

namespace Sotp.Core.Discovery;

/// <summary>A host that answered the sweep, as a device it could become.</summary>
/// <param name="Vendor">From sysObjectID's enterprise number; null when SNMP did not answer or the number is not in our table.</param>
/// <param name="CredentialIndex">Which of the job's credential sets the agent answered (0-based); null when none did.</param>
/// <param name="KnownDeviceId">A device of the inventory already has this address: nothing to add.</param>
/// <param name="CreatedDeviceId">The device made from this proposal when it was accepted.</param>
public sealed record DiscoveryProposal(
    string Address,
    double? RttMs,
    string? SysName,
    string? SysDescription,
    string? SysObjectId,
    string? Vendor,
    DeviceKind Kind,
    int? CredentialIndex,
    long? KnownDeviceId,
    long? CreatedDeviceId = null);
