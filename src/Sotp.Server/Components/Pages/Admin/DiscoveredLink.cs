namespace Sotp.Server.Components.Pages.Admin;

/// <summary>An LLDP link the topology knows that touches a device of a discovery, with both ends named.</summary>
public sealed record DiscoveredLink(long FromId, string From, string? FromPort, long ToId, string To, string? ToPort);
