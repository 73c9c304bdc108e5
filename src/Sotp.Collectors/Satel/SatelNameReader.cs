using Sotp.Core.Panels;

namespace Sotp.Collectors.Satel;

/// <summary>
/// Reads one connection's worth of names (0xEE) a few at a time, between polls: a panel has up to 32 partitions, 256
/// zones and 256 outputs, one request each, and an alarm must not wait behind them. Zones are asked for with their
/// partition (type 5); a panel that refuses that but knows the zone (older firmware) is asked the plain way from then on.
/// A name whose answer made no sense is skipped and counted, never the end of the connection.
/// </summary>
public sealed class SatelNameReader
{
    private readonly Queue<(PanelItem Item, int Number, bool Retry)> _pending = new();
    private readonly List<PanelName> _found = [];
    private bool _plainZones;

    /// <param name="partitions">How many partitions, zones and outputs the panel can have (the model's, as polled).</param>
    public SatelNameReader(int partitions, int zones, int outputs)
    {
        Enqueue(PanelItem.Partition, partitions);
        Enqueue(PanelItem.Zone, zones);
        Enqueue(PanelItem.Output, outputs);
    }

    /// <summary>True once every number was asked for.</summary>
    public bool Done => _pending.Count == 0;

    /// <summary>The names the panel gave, in the order read; a number it refused has none.</summary>
    public IReadOnlyList<PanelName> Names => _found;

    /// <summary>Answers too short or about another item than asked; each one's name is skipped.</summary>
    public int BadAnswers { get; private set; }

    /// <summary>
    /// Name requests the module did not answer in time (a mangled answer is dropped by the decoder and ends so): the
    /// name is asked once more at the end, then given up.
    /// </summary>
    public int Unanswered { get; private set; }

    /// <summary>
    /// Asks for up to <paramref name="count"/> more names, stopping early when <paramref name="stop"/> says so (a command
    /// waits) or a request timed out: whether the module is still there is for the next poll to find out.
    /// </summary>
    public async Task ReadAsync(SatelClient client, int count, Func<bool> stop, CancellationToken cancellationToken)
    {
        for (var asked = 0; asked < count && _pending.TryPeek(out var next) && !stop(); asked++)
        {
            _pending.Dequeue();
            try
            {
                if (await ReadAsync(client, next.Item, next.Number, cancellationToken) is { } name)
                {
                    _found.Add(name);
                }
            }
            catch (SatelProtocolException)
            {
                BadAnswers++;
            }
            catch (TimeoutException)
            {
                Unanswered++;
                if (!next.Retry)
                {
                    _pending.Enqueue((next.Item, next.Number, true));
                }

                return;
            }
        }
    }

    private async Task<PanelName?> ReadAsync(SatelClient client, PanelItem item, int number, CancellationToken cancellationToken)
    {
        if (item == PanelItem.Zone && !_plainZones)
        {
            if (await client.ReadNameAsync(SatelNameKind.ZoneWithPartition, number, cancellationToken) is { } withPartition)
            {
                return Named(PanelItem.Zone, withPartition);
            }

            var plain = await client.ReadNameAsync(SatelNameKind.Zone, number, cancellationToken);
            _plainZones = plain is not null;
            return plain is null ? null : Named(PanelItem.Zone, plain);
        }

        var kind = item switch
        {
            PanelItem.Partition => SatelNameKind.Partition,
            PanelItem.Zone => SatelNameKind.Zone,
            _ => SatelNameKind.Output,
        };
        return await client.ReadNameAsync(kind, number, cancellationToken) is { } read ? Named(item, read) : null;
    }

    private static PanelName Named(PanelItem item, SatelDeviceName read) => new(item, read.Number, read.Name, read.Function, read.Partition);

    private void Enqueue(PanelItem item, int count)
    {
        for (var number = 1; number <= count; number++)
        {
            _pending.Enqueue((item, number, false));
        }
    }
}
