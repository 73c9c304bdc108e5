namespace Sotp.Core.Panels;

/// <summary>
/// Panels' descriptions as their workers read them: type and versions on every connect, names once read in full.
/// Both go with their panel when it is deleted.
/// </summary>
public interface IPanelDescriptionStore
{
    /// <summary>Replaces the panel's versions.</summary>
    Task SaveVersionsAsync(PanelVersions versions, CancellationToken cancellationToken);

    /// <summary>Replaces every name of the panel in one transaction: a name gone from the panel goes here too.</summary>
    Task ReplaceNamesAsync(long deviceId, IReadOnlyList<PanelName> names, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>The panel's description; <see cref="PanelDescription.None"/> when nothing was read yet.</summary>
    Task<PanelDescription> GetAsync(long deviceId, CancellationToken cancellationToken);
}
