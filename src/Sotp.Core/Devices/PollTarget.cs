namespace Sotp.Core.Devices;

/// <summary>What a collector needs to poll an enabled device, without the rest of the inventory record.</summary>
public sealed record PollTarget(long DeviceId, long SiteId, long? ParentId, string Address, int IcmpIntervalSeconds, int SnmpIntervalSeconds);
