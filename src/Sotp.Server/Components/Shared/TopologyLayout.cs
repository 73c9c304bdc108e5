using Sotp.Core.Topology;

namespace Sotp.Server.Components.Shared;

/// <summary>
/// Where each device of a topology is drawn: every group of linked devices is laid out in layers by hops from its root
/// (a device without a declared parent, the most linked one first), layers ordered after their neighbours above to
/// keep lines from crossing; groups stand side by side, devices without any link in a grid below them.
/// </summary>
public static class TopologyLayout
{
    public const int Column = 150;
    public const int Row = 110;
    public const int Margin = 70;
    private const int LooseColumns = 8;

    public sealed record Placed(TopologyNode Node, double X, double Y);

    public sealed record Drawing(IReadOnlyDictionary<long, Placed> Nodes, double Width, double Height);

    public static Drawing Place(TopologyView view)
    {
        var neighbours = view.Nodes.ToDictionary(node => node.Id, _ => new HashSet<long>());
        foreach (var link in view.Links.Where(link => neighbours.ContainsKey(link.FromDeviceId) && neighbours.ContainsKey(link.ToDeviceId)))
        {
            neighbours[link.FromDeviceId].Add(link.ToDeviceId);
            neighbours[link.ToDeviceId].Add(link.FromDeviceId);
        }

        var placed = new Dictionary<long, Placed>();
        var byId = view.Nodes.ToDictionary(node => node.Id);
        var left = 0.0;
        var bottom = 0.0;
        var roots = view.Nodes.Where(node => neighbours[node.Id].Count > 0)
            .OrderBy(node => node.ParentId is null ? 0 : 1).ThenByDescending(node => neighbours[node.Id].Count).ThenBy(node => node.Id);
        foreach (var root in roots.Where(root => !placed.ContainsKey(root.Id)))
        {
            var layers = Layers(root.Id, neighbours, placed.Keys.ToHashSet());
            var width = layers.Max(layer => layer.Count);
            var x = new Dictionary<long, double>();
            for (var depth = 0; depth < layers.Count; depth++)
            {
                var layer = depth == 0 ? layers[0] : layers[depth].OrderBy(id => Above(id, neighbours, x)).ThenBy(id => id).ToList();
                var offset = (width - layer.Count) / 2.0;
                for (var i = 0; i < layer.Count; i++)
                {
                    x[layer[i]] = left + Margin + (offset + i) * Column;
                    placed[layer[i]] = new Placed(byId[layer[i]], x[layer[i]], Margin + depth * Row);
                }
            }

            left += width * Column;
            bottom = Math.Max(bottom, layers.Count * Row);
        }

        var loose = view.Nodes.Where(node => !placed.ContainsKey(node.Id)).OrderBy(node => node.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        for (var i = 0; i < loose.Count; i++)
        {
            placed[loose[i].Id] = new Placed(loose[i], Margin + i % LooseColumns * Column, Margin + bottom + i / LooseColumns * Row);
        }

        var columns = Math.Max(left / Column, Math.Min(loose.Count, LooseColumns));
        var rows = bottom / Row + (loose.Count + LooseColumns - 1) / LooseColumns;
        return new Drawing(placed, Math.Max(columns, 1) * Column + Margin, Math.Max(rows, 1) * Row + Margin / 2.0);
    }

    /// <summary>Breadth first from the root over devices not drawn yet: each layer one hop further.</summary>
    private static List<List<long>> Layers(long root, Dictionary<long, HashSet<long>> neighbours, HashSet<long> taken)
    {
        var layers = new List<List<long>> { new() { root } };
        taken.Add(root);
        while (true)
        {
            var next = layers[^1].SelectMany(id => neighbours[id]).Where(taken.Add).ToList();
            if (next.Count == 0)
            {
                return layers;
            }

            layers.Add(next);
        }
    }

    private static double Above(long id, Dictionary<long, HashSet<long>> neighbours, Dictionary<long, double> x) =>
        neighbours[id].Where(x.ContainsKey).Select(other => x[other]).DefaultIfEmpty(double.MaxValue).Average();
}
