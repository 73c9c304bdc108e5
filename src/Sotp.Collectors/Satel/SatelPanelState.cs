namespace Sotp.Collectors.Satel;

/// <summary>
/// The live status of a panel's partitions and zones, computed from the latest answer to each state read. Pure: it
/// does no I/O (see <see cref="SatelStateReader"/> for the polling step). A partition or zone stays
/// <see cref="SatelPartitionStatus.Unknown"/> until every read its status depends on has arrived, and goes back
/// to Unknown when the connection is lost, because an old "disarmed" shown as current is worse than no answer.
/// Not thread-safe: one poller owns it.
/// </summary>
public sealed class SatelPanelState
{
    /// <summary>The reads a partition's status depends on.</summary>
    public static readonly IReadOnlyList<SatelPartitionQuery> PartitionReads =
    [
        SatelPartitionQuery.ReallyArmed,
        SatelPartitionQuery.ExitTimeOver10Seconds,
        SatelPartitionQuery.ExitTimeUnder10Seconds,
        SatelPartitionQuery.EntryTime,
        SatelPartitionQuery.Alarm,
        SatelPartitionQuery.FireAlarm,
    ];

    /// <summary>The reads a zone's status depends on.</summary>
    public static readonly IReadOnlyList<SatelZoneQuery> ZoneReads =
    [
        SatelZoneQuery.Violation,
        SatelZoneQuery.Bypassed,
        SatelZoneQuery.Tamper,
        SatelZoneQuery.TamperAlarm,
        SatelZoneQuery.Alarm,
    ];

    private readonly int[] _partitionNumbers;
    private readonly int[] _zoneNumbers;
    private readonly Dictionary<SatelPartitionQuery, IReadOnlySet<int>> _partitionSets = [];
    private readonly Dictionary<SatelZoneQuery, IReadOnlySet<int>> _zoneSets = [];

    /// <param name="partitions">The partitions the panel has (from its configuration or the names it answers).</param>
    /// <param name="zones">The zones the panel has.</param>
    public SatelPanelState(IEnumerable<int> partitions, IEnumerable<int> zones)
    {
        _partitionNumbers = [.. partitions.Distinct().Order()];
        _zoneNumbers = [.. zones.Distinct().Order()];
    }

    public IReadOnlyDictionary<int, SatelPartitionStatus> Partitions => _partitionNumbers.ToDictionary(n => n, PartitionStatus);

    public IReadOnlyDictionary<int, SatelZoneStatus> Zones => _zoneNumbers.ToDictionary(n => n, ZoneStatus);

    public bool HasRead(SatelPartitionQuery query) => _partitionSets.ContainsKey(query);

    public bool HasRead(SatelZoneQuery query) => _zoneSets.ContainsKey(query);

    /// <summary>Records answers to partition and zone reads (others are ignored) and returns what changed.</summary>
    public SatelStateChanges Update(
        IEnumerable<KeyValuePair<SatelPartitionQuery, IReadOnlySet<int>>> partitionReads,
        IEnumerable<KeyValuePair<SatelZoneQuery, IReadOnlySet<int>>> zoneReads) =>
        Changing(() =>
        {
            foreach (var (query, numbers) in partitionReads)
            {
                _partitionSets[query] = numbers;
            }

            foreach (var (query, numbers) in zoneReads)
            {
                _zoneSets[query] = numbers;
            }
        });

    public SatelStateChanges Update(SatelPartitionQuery query, IReadOnlySet<int> numbers) => Update([new(query, numbers)], []);

    public SatelStateChanges Update(SatelZoneQuery query, IReadOnlySet<int> numbers) => Update([], [new(query, numbers)]);

    /// <summary>Forgets every read: the connection is gone and nothing is known until the reads come again.</summary>
    public SatelStateChanges Forget() =>
        Changing(() =>
        {
            _partitionSets.Clear();
            _zoneSets.Clear();
        });

    public SatelPartitionStatus PartitionStatus(int number)
    {
        if (!PartitionReads.All(_partitionSets.ContainsKey))
        {
            return SatelPartitionStatus.Unknown;
        }

        bool In(SatelPartitionQuery query) => _partitionSets[query].Contains(number);

        // The most urgent first: an armed partition in alarm is an alarm; exit time runs while arming is pending.
        return In(SatelPartitionQuery.FireAlarm) ? SatelPartitionStatus.FireAlarm
            : In(SatelPartitionQuery.Alarm) ? SatelPartitionStatus.Alarm
            : In(SatelPartitionQuery.EntryTime) ? SatelPartitionStatus.EntryTime
            : In(SatelPartitionQuery.ExitTimeOver10Seconds) || In(SatelPartitionQuery.ExitTimeUnder10Seconds) ? SatelPartitionStatus.ExitTime
            : In(SatelPartitionQuery.ReallyArmed) ? SatelPartitionStatus.Armed
            : SatelPartitionStatus.Disarmed;
    }

    public SatelZoneStatus ZoneStatus(int number)
    {
        if (!ZoneReads.All(_zoneSets.ContainsKey))
        {
            return SatelZoneStatus.Unknown;
        }

        bool In(SatelZoneQuery query) => _zoneSets[query].Contains(number);

        // A bypassed zone's violation is not news (that is why it was bypassed), but its tamper and alarms are.
        return In(SatelZoneQuery.Alarm) ? SatelZoneStatus.Alarm
            : In(SatelZoneQuery.TamperAlarm) ? SatelZoneStatus.TamperAlarm
            : In(SatelZoneQuery.Tamper) ? SatelZoneStatus.Tamper
            : In(SatelZoneQuery.Bypassed) ? SatelZoneStatus.Bypassed
            : In(SatelZoneQuery.Violation) ? SatelZoneStatus.Violated
            : SatelZoneStatus.Normal;
    }

    private SatelStateChanges Changing(Action update)
    {
        var partitionsBefore = _partitionNumbers.Select(PartitionStatus).ToArray();
        var zonesBefore = _zoneNumbers.Select(ZoneStatus).ToArray();
        update();
        return new SatelStateChanges(Diff(_partitionNumbers, partitionsBefore, PartitionStatus), Diff(_zoneNumbers, zonesBefore, ZoneStatus));
    }

    private static List<SatelStateChange<TStatus>> Diff<TStatus>(int[] numbers, TStatus[] before, Func<int, TStatus> now)
        where TStatus : struct, Enum =>
        [.. numbers.Select((number, i) => new SatelStateChange<TStatus>(number, before[i], now(number))).Where(c => !c.From.Equals(c.To))];
}
