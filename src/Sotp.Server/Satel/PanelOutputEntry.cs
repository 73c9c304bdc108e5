namespace Sotp.Server.Satel;

/// <summary>One output of GET /api/v1/panels/{id}/outputs.</summary>
/// <param name="On">Live; null when the panel has not answered lately or is not watched on this node.</param>
public sealed record PanelOutputEntry(int Number, string? Name, int? Function, bool? On);
