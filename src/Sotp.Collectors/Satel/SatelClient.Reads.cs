using System.Text;

namespace Sotp.Collectors.Satel;

/// <summary>The typed reads: each sends one query and checks the answer's size against the protocol description.</summary>
public sealed partial class SatelClient
{
    private const byte OutputsCommand = 0x17;
    private const byte FirstTroubleCommand = 0x1B;
    private const byte ModuleVersionCommand = 0x7C;
    private const byte PanelTypeCommand = 0x7E;
    private const byte NewDataCommand = 0x7F;
    private const byte NameCommand = 0xEE;
    private const int NewDataFlagBytes = 5;
    private const int NameHeaderBytes = 3;
    private const int VersionChars = 11;
    private const int NarrowSetBytes = 16;
    private const int WideSetBytes = 32;

    /// <summary>The commands (0x00-0x27) whose answers changed since they were last read; reading one clears its flag.</summary>
    public async Task<IReadOnlySet<byte>> ReadNewDataAsync(CancellationToken cancellationToken = default)
    {
        // INT-RS v2 answers 6 bytes; the flags this client reads are in the first 5.
        var data = await ReadAsync(NewDataCommand, [], NewDataFlagBytes, cancellationToken);
        return SatelEncoding.Numbers(data.AsSpan(0, NewDataFlagBytes)).Select(n => (byte)(n - 1)).ToHashSet();
    }

    /// <summary>Zone numbers (1-based) in the queried state.</summary>
    public async Task<IReadOnlySet<int>> ReadZonesAsync(SatelZoneQuery query, CancellationToken cancellationToken = default) =>
        await ReadSetAsync((byte)query, cancellationToken);

    /// <summary>Partition numbers (1-32) in the queried state.</summary>
    public async Task<IReadOnlySet<int>> ReadPartitionsAsync(SatelPartitionQuery query, CancellationToken cancellationToken = default)
    {
        var data = await ReadAsync((byte)query, [], SatelEncoding.PartitionSetBytes, cancellationToken);
        return SatelEncoding.Numbers(data.AsSpan(0, SatelEncoding.PartitionSetBytes)).ToHashSet();
    }

    /// <summary>Output numbers (1-based) that are on.</summary>
    public async Task<IReadOnlySet<int>> ReadOutputsAsync(CancellationToken cancellationToken = default) =>
        await ReadSetAsync(OutputsCommand, cancellationToken);

    /// <summary>All five trouble parts, one request each.</summary>
    public async Task<SatelTroubles> ReadTroublesAsync(CancellationToken cancellationToken = default)
    {
        var parts = new List<byte[]>(SatelTroubles.PartBytes.Count);
        for (var part = 0; part < SatelTroubles.PartBytes.Count; part++)
        {
            var size = SatelTroubles.PartBytes[part];
            parts.Add((await ReadAsync((byte)(FirstTroubleCommand + part), [], size, cancellationToken))[..size]);
        }

        return new SatelTroubles(parts);
    }

    public async Task<SatelPanelInfo> ReadPanelAsync(CancellationToken cancellationToken = default)
    {
        var data = await ReadAsync(PanelTypeCommand, [], 1 + VersionChars + 2, cancellationToken);
        var version = Encoding.ASCII.GetString(data, 1, VersionChars);
        return new SatelPanelInfo(data[0], SatelPanelInfo.FormatVersion(version), data[1 + VersionChars], data[2 + VersionChars] != 0);
    }

    public async Task<SatelModuleInfo> ReadModuleAsync(CancellationToken cancellationToken = default)
    {
        var data = await ReadAsync(ModuleVersionCommand, [], VersionChars + 1, cancellationToken);
        return new SatelModuleInfo(SatelPanelInfo.FormatVersion(Encoding.ASCII.GetString(data, 0, VersionChars)), (data[^1] & 1) != 0);
    }

    /// <summary>
    /// The name of a partition, zone, user or output; null when the panel refuses with a result code, which is how a
    /// number with no device answers (an assumption: the description does not say what it answers). An answer that is
    /// too short, or about another item than asked, throws <see cref="SatelProtocolException"/>.
    /// </summary>
    public async Task<SatelDeviceName?> ReadNameAsync(SatelNameKind kind, int number, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 256);
        // Number 256 is sent as 0: it does not fit in the byte.
        var numberByte = (byte)(number % 256);
        var answer = await RequestAsync(new SatelFrame(NameCommand, [(byte)kind, numberByte]), cancellationToken);
        if (answer.Command == SatelResult.Command)
        {
            return null;
        }

        // type, number, function, 16-byte name; a zone with its partition has one byte more.
        var data = Sized(answer, NameHeaderBytes + SatelText.NameBytes);
        if (data[0] != (byte)kind || data[1] != numberByte)
        {
            throw new SatelProtocolException($"Answer 0xEE is about type {data[0]} number {data[1]}; type {(byte)kind} number {numberByte} was asked.");
        }

        const int partitionAt = NameHeaderBytes + SatelText.NameBytes;
        int? partition = kind == SatelNameKind.ZoneWithPartition && data.Length > partitionAt && data[partitionAt] != 0 ? data[partitionAt] : null;
        return new SatelDeviceName(kind, number, data[2], SatelText.DecodeName(data.AsSpan(NameHeaderBytes, SatelText.NameBytes)), partition);
    }

    private async Task<IReadOnlySet<int>> ReadSetAsync(byte command, CancellationToken cancellationToken)
    {
        var (query, size) = _options.LargeSets ? (new byte[] { 0x00 }, WideSetBytes) : ([], NarrowSetBytes);
        var data = await ReadAsync(command, query, size, cancellationToken);
        return SatelEncoding.Numbers(data.AsSpan(0, size)).ToHashSet();
    }

    /// <summary>Sends a read and returns its data, at least <paramref name="minimumBytes"/> long.</summary>
    private async Task<byte[]> ReadAsync(byte command, byte[] query, int minimumBytes, CancellationToken cancellationToken)
    {
        var answer = await RequestAsync(new SatelFrame(command, query), cancellationToken);
        if (answer.Command == SatelResult.Command)
        {
            var code = answer.Data.Length > 0 ? answer.Data[0] : SatelResult.Accepted;
            throw new SatelProtocolException($"The module refused read 0x{command:X2}: {SatelResult.Describe(code)}.", code);
        }

        return Sized(answer, minimumBytes);
    }

    private static byte[] Sized(SatelFrame answer, int minimumBytes) =>
        answer.Data.Length >= minimumBytes
            ? answer.Data
            : throw new SatelProtocolException($"Answer 0x{answer.Command:X2} has {answer.Data.Length} data bytes; at least {minimumBytes} expected.");
}
