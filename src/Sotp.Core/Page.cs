namespace Sotp.Core;

/// <summary>One page of a list, as every list endpoint returns it: <c>{ "items": [...], "total": N }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);
