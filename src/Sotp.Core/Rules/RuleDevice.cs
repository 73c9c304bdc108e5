namespace Sotp.Core.Rules;

/// <summary>What rules need of a device: its site for the scope, its name for the message.</summary>
public sealed record RuleDevice(long Id, long SiteId, string Name);
