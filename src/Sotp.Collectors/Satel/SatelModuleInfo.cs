namespace Sotp.Collectors.Satel;

/// <summary>The ETHM-1's answer to 0x7C.</summary>
public sealed record SatelModuleInfo(string Version, bool Supports256);
