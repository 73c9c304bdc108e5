namespace Sotp.Core.Devices;

public sealed record DeviceFilter(long? SiteId = null, DeviceKind? Kind = null, bool? Enabled = null, string? Tag = null, long? GroupId = null);
