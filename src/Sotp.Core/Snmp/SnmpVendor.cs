using Sotp.Core.Devices;

namespace Sotp.Core.Snmp;

/// <summary>A maker known by its IANA enterprise number, and the kind of device it mostly makes when that is clear.</summary>
/// <param name="Kind">Null when the maker's range spans kinds (Cisco makes routers, switches and firewalls alike).</param>
public sealed record SnmpVendor(uint EnterpriseNumber, string Name, DeviceKind? Kind);
