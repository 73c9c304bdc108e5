using System.Collections.Concurrent;

namespace Sotp.Server.Satel;

/// <summary>
/// The latest commands of every panel on this node, newest first, capped per panel. In memory: the audit log is the
/// lasting record of every command and its outcome; this list is what the console shows live.
/// </summary>
public sealed class SatelCommandLog
{
    public const int KeptPerPanel = 100;

    private readonly ConcurrentDictionary<long, LinkedList<PanelCommandRecord>> _byPanel = new();

    /// <summary>Adds a new command or replaces it (same id) with its newer state.</summary>
    public void Record(PanelCommandRecord record)
    {
        var list = _byPanel.GetOrAdd(record.DeviceId, _ => new LinkedList<PanelCommandRecord>());
        lock (list)
        {
            for (var node = list.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == record.Id)
                {
                    node.Value = record;
                    return;
                }
            }

            list.AddFirst(record);
            while (list.Count > KeptPerPanel)
            {
                list.RemoveLast();
            }
        }
    }

    public IReadOnlyList<PanelCommandRecord> Of(long deviceId)
    {
        if (!_byPanel.TryGetValue(deviceId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
