using System.Text;
using Sotp.Collectors.Satel;

namespace Sotp.Testing.Satel;

/// <summary>
/// The INTEGRA panel behind the simulated ETHM-1: its state, the answer to every command the simulator knows, and
/// the methods tests use to script it. No I/O here, so the rules can be read in one place. Thread-safe: the
/// connection's loop answers while a test scripts.
/// </summary>
public sealed partial class Ethm1Panel
{
    /// <summary>The command bytes whose answers are zone sets (16 bytes, or 32 when asked with an extra 0x00).</summary>
    public static readonly IReadOnlyList<byte> ZoneSetCommands = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x28];

    /// <summary>The command bytes whose answers are 4-byte partition sets kept as state (0x25 is derived).</summary>
    public static readonly IReadOnlyList<byte> PartitionSetCommands = [0x09, 0x0A, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x13, 0x14, 0x15, 0x16, 0x2A];

    /// <summary>The sizes of trouble parts 1-5 (commands 0x1B-0x1F), from the protocol description.</summary>
    public static readonly IReadOnlyList<int> TroublePartBytes = [47, 26, 60, 30, 31];

    public const byte OutputsCommand = 0x17;
    public const byte PartitionsWithViolatedZones = 0x25;
    public const byte FirstTroubleCommand = 0x1B;
    public const byte ModuleVersionCommand = 0x7C;
    public const byte PanelTypeCommand = 0x7E;
    public const byte NewDataCommand = 0x7F;
    public const byte NameCommand = 0xEE;
    public const byte DisarmCommand = 0x84;
    public const byte ClearAlarmCommand = 0x85;
    public const byte OutputsOnCommand = 0x88;
    public const byte OutputsOffCommand = 0x89;
    public const byte OutputsToggleCommand = 0x91;

    /// <summary>The result the simulator gives for what it does not implement or cannot parse.</summary>
    public const byte OtherError = 0x08;

    private const byte ArmedSuppressed = 0x09;
    private const byte ReallyArmed = 0x0A;
    private const byte ArmedMode2 = 0x0B;
    private const byte ArmedMode3 = 0x0C;
    private const byte EntryTime = 0x0E;
    private const byte ExitTimeLong = 0x0F;
    private const byte ExitTimeShort = 0x10;
    private const byte PartitionAlarm = 0x13;
    private const byte PartitionFireAlarm = 0x14;
    private const byte PartitionAlarmMemory = 0x15;
    private const byte PartitionFireAlarmMemory = 0x16;
    private const byte ArmedMode1 = 0x2A;
    private const byte ZoneViolation = 0x00;
    private const byte ZoneTamper = 0x01;
    private const byte ZoneAlarm = 0x02;
    private const byte ZoneAlarmMemory = 0x04;
    private const int NarrowSetBytes = 16;
    private const int WideSetBytes = 32;
    private const int NewDataFlagBytes = 5;
    private const int LastFlaggedCommand = NewDataFlagBytes * 8 - 1;

    private static readonly byte[] ArmedModeCommands = [ReallyArmed, ArmedMode1, ArmedMode2, ArmedMode3];

    private readonly Lock _lock = new();
    private readonly Ethm1SimulatorOptions _options;
    private readonly Dictionary<byte, HashSet<int>> _zoneSets = ZoneSetCommands.ToDictionary(c => c, _ => new HashSet<int>());
    private readonly Dictionary<byte, HashSet<int>> _partitionSets = PartitionSetCommands.ToDictionary(c => c, _ => new HashSet<int>());
    private readonly HashSet<int> _outputs = [];
    private readonly byte[][] _troubles = [.. TroublePartBytes.Select(n => new byte[n])];
    private readonly Dictionary<int, int> _zonePartition = [];
    private readonly Dictionary<string, HashSet<int>> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<(byte Type, int Number), string> _names = [];
    private readonly Dictionary<(byte Type, int Number), byte> _functions = [];
    private readonly Dictionary<(byte Type, int Number), byte[]> _scriptedNameAnswers = [];

    /// <summary>What each flagged command answered when it was last read (full 32-byte sets, whatever was asked).</summary>
    private readonly Dictionary<byte, byte[]> _lastRead = [];

    public Ethm1Panel(Ethm1SimulatorOptions options)
    {
        _options = options;
    }

    public static byte ArmCommand(int mode, bool force) => (byte)((force ? 0xA0 : 0x80) + mode);

    /// <summary>Adds a user; <paramref name="digits"/> is what the keypad takes, the prefix (if any) first.</summary>
    public void AddUser(string digits, params int[] partitions)
    {
        lock (_lock)
        {
            _users[digits] = [.. partitions];
        }
    }

    /// <summary>Puts a zone in a partition: a violated zone blocks arming its partition without force.</summary>
    public void AssignZone(int zone, int partition)
    {
        lock (_lock)
        {
            _zonePartition[zone] = partition;
        }
    }

    public void ViolateZone(int zone) => Change(() => _zoneSets[ZoneViolation].Add(zone));

    public void RestoreZone(int zone) => Change(() => _zoneSets[ZoneViolation].Remove(zone));

    public void TamperZone(int zone) => Change(() => _zoneSets[ZoneTamper].Add(zone));

    public void BypassZone(int zone) => Change(() => _zoneSets[0x06].Add(zone));

    /// <summary>An alarm in a partition, caused by a zone when one is given: sets the alarm and its memory.</summary>
    public void RaiseAlarm(int partition, int? zone = null) => Change(() =>
    {
        _partitionSets[PartitionAlarm].Add(partition);
        _partitionSets[PartitionAlarmMemory].Add(partition);
        if (zone is { } z)
        {
            _zoneSets[ZoneAlarm].Add(z);
            _zoneSets[ZoneAlarmMemory].Add(z);
        }
    });

    public void RaiseFireAlarm(int partition) => Change(() =>
    {
        _partitionSets[PartitionFireAlarm].Add(partition);
        _partitionSets[PartitionFireAlarmMemory].Add(partition);
    });

    public void StartEntryTime(int partition) => Change(() => _partitionSets[EntryTime].Add(partition));

    /// <summary>Exit time running; the panel reports more than 10 s left (0x0F) and less (0x10) separately.</summary>
    public void StartExitTime(int partition, bool lessThan10Seconds = false) =>
        Change(() => _partitionSets[lessThan10Seconds ? ExitTimeShort : ExitTimeLong].Add(partition));

    public void EndExitTime(int partition) => Change(() =>
    {
        _partitionSets[ExitTimeLong].Remove(partition);
        _partitionSets[ExitTimeShort].Remove(partition);
    });

    public void SetOutput(int output, bool on) => Change(() => _ = on ? _outputs.Add(output) : _outputs.Remove(output));

    /// <summary>Sets trouble bit <paramref name="bit"/> (1-based, LSB first like every set) of part 1-5.</summary>
    public void AddTrouble(int part, int bit) => Change(() => _troubles[part - 1][(bit - 1) / 8] |= (byte)(1 << ((bit - 1) % 8)));

    public void ClearTroubles() => Change(() => Array.ForEach(_troubles, t => Array.Clear(t)));

    public void Name(SatelNameKind kind, int number, string name, byte function = 0)
    {
        lock (_lock)
        {
            _names[((byte)kind, number)] = name;
            _functions[((byte)kind, number)] = function;
        }
    }

    /// <summary>
    /// Makes the module answer a name request with <paramref name="data"/> as it is (a valid frame around it): a
    /// truncated or garbled answer, as a faulty module or a bad firmware sends.
    /// </summary>
    public void AnswerNameWith(SatelNameKind kind, int number, byte[] data)
    {
        lock (_lock)
        {
            _scriptedNameAnswers[((byte)kind, number)] = data;
        }
    }

    public IReadOnlySet<int> Partitions(byte command)
    {
        lock (_lock)
        {
            return command == PartitionsWithViolatedZones ? ViolatedPartitions() : _partitionSets[command].ToHashSet();
        }
    }

    public IReadOnlySet<int> Outputs
    {
        get
        {
            lock (_lock)
            {
                return _outputs.ToHashSet();
            }
        }
    }

    /// <summary>The answer the module sends for a request frame.</summary>
    public SatelFrame Answer(SatelFrame request)
    {
        lock (_lock)
        {
            var command = request.Command;
            var wide = _options.Supports256 && request.Data is [0x00];
            if (IsFlagged(command) && StateAnswer(command, wide: true) is { } full)
            {
                // Reading a command clears its new-data flag: remember what the client has now seen.
                _lastRead[command] = full;
            }

            if (StateAnswer(command, wide) is { } data)
            {
                return new SatelFrame(command, data);
            }

            return command switch
            {
                NewDataCommand => new SatelFrame(command, NewDataFlags()),
                ModuleVersionCommand => new SatelFrame(command, [.. Encoding.ASCII.GetBytes(_options.ModuleVersion), (byte)(_options.Supports256 ? 1 : 0)]),
                PanelTypeCommand => new SatelFrame(command, [_options.PanelType, .. Encoding.ASCII.GetBytes(_options.PanelVersion), _options.Language, 0x01]),
                NameCommand => NameAnswer(request.Data),
                >= 0x80 and <= 0x83 => Result(Arm(request.Data, command - 0x80, force: false)),
                >= 0xA0 and <= 0xA3 => Result(Arm(request.Data, command - 0xA0, force: true)),
                DisarmCommand => Result(Disarm(request.Data)),
                ClearAlarmCommand => Result(ClearAlarm(request.Data)),
                OutputsOnCommand or OutputsOffCommand or OutputsToggleCommand => Result(SwitchOutputs(command, request.Data)),
                _ => Result(OtherError),
            };
        }
    }

    private static SatelFrame Result(byte code) => new(SatelResult.Command, [code]);

    private static bool IsFlagged(byte command) => command <= LastFlaggedCommand;

    private void Change(Action change)
    {
        lock (_lock)
        {
            change();
        }
    }

    /// <summary>The data of a state read, or null when the command is not one.</summary>
    private byte[]? StateAnswer(byte command, bool wide)
    {
        var setBytes = wide ? WideSetBytes : NarrowSetBytes;
        if (_zoneSets.TryGetValue(command, out var zones))
        {
            return SatelEncoding.Set(zones.Where(z => z <= setBytes * 8), setBytes);
        }

        if (_partitionSets.TryGetValue(command, out var partitions))
        {
            return SatelEncoding.Set(partitions, SatelEncoding.PartitionSetBytes);
        }

        return command switch
        {
            PartitionsWithViolatedZones => SatelEncoding.Set(ViolatedPartitions(), SatelEncoding.PartitionSetBytes),
            OutputsCommand => SatelEncoding.Set(_outputs.Where(o => o <= setBytes * 8), setBytes),
            >= FirstTroubleCommand and < FirstTroubleCommand + 5 => [.. _troubles[command - FirstTroubleCommand]],
            _ => null,
        };
    }

    private HashSet<int> ViolatedPartitions() =>
        [.. _zoneSets[ZoneViolation].Where(_zonePartition.ContainsKey).Select(z => _zonePartition[z])];

    /// <summary>Bit n set when command n's answer differs from what the client last read (never read counts as new).</summary>
    private byte[] NewDataFlags()
    {
        var flagged = new List<int>();
        for (var command = (byte)0; command <= LastFlaggedCommand; command++)
        {
            if (StateAnswer(command, wide: true) is { } now && (!_lastRead.TryGetValue(command, out var seen) || !now.AsSpan().SequenceEqual(seen)))
            {
                flagged.Add(command + 1);
            }
        }

        return SatelEncoding.Set(flagged, NewDataFlagBytes);
    }

    /// <summary>
    /// 0xEE: type, number (0 = 256), then the same two bytes, the function byte and the 16-byte name; a zone asked for
    /// with its partition (type 5) has the partition (0: none) in one more byte. A number without a name is refused.
    /// </summary>
    private SatelFrame NameAnswer(byte[] data)
    {
        if (data.Length != 2)
        {
            return Result(OtherError);
        }

        // Number 0 stands for 256, which does not fit in the byte.
        var number = data[1] == 0 ? 256 : data[1];
        if (_scriptedNameAnswers.TryGetValue((data[0], number), out var scripted))
        {
            return new SatelFrame(NameCommand, scripted);
        }

        var withPartition = data[0] == (byte)SatelNameKind.ZoneWithPartition;
        if (withPartition && !_options.ZoneNamesWithPartition)
        {
            return Result(OtherError);
        }

        var key = ((byte)(withPartition ? SatelNameKind.Zone : (SatelNameKind)data[0]), number);
        if (!_names.TryGetValue(key, out var name))
        {
            return Result(OtherError);
        }

        byte[] answer = [data[0], data[1], _functions[key], .. SatelText.EncodeName(name)];
        return new SatelFrame(NameCommand, withPartition ? [.. answer, (byte)_zonePartition.GetValueOrDefault(number)] : answer);
    }
}
