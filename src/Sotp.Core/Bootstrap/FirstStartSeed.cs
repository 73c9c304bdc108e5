using Sotp.Core.Devices;
using Sotp.Core.Users;

namespace Sotp.Core.Bootstrap;

/// <summary>What an empty store receives on first start: an administrator and a demo site watching this machine.</summary>
public sealed record FirstStartSeed(
    string AdminUsername,
    string AdminPasswordHash,
    Role AdminRole,
    string DemoSiteName,
    string DemoSiteAddress,
    string DemoDeviceName,
    DeviceKind DemoDeviceKind,
    string DemoDeviceAddress);
