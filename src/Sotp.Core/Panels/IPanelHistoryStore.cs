namespace Sotp.Core.Panels;

/// <summary>The timeline of panels' partition and zone changes.</summary>
public interface IPanelHistoryStore
{
    /// <summary>Writes the batch in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<PanelStateChange> changes, CancellationToken cancellationToken);

    /// <summary>A panel's changes in [from, to), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PanelStateChange>> ListAsync(long deviceId, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken);
}
