namespace Sotp.Collectors.Satel;

/// <summary>One partition or zone whose status changed.</summary>
public sealed record SatelStateChange<TStatus>(int Number, TStatus From, TStatus To)
    where TStatus : struct, Enum;
