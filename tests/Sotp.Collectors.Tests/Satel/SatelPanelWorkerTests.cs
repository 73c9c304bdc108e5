using Microsoft.Extensions.Time.Testing;
using Sotp.Collectors.Satel;
using Sotp.Testing.Satel;
using Sotp.Core.Events;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>
/// The worker against the simulated ETHM-1 over loopback TCP. Polls, back-off and Unknown run on fake time, moved
/// by the test; the connection's own request timeout runs on the real clock, kept short, so a silent module is
/// noticed without the test sleeping for seconds.
/// </summary>
public sealed partial class SatelPanelWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly Ethm1Simulator _simulator = new();
    private readonly RecordingEventSink _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly FlakyHistory _history = new();
    private SatelPanelWorker _worker = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _simulator.Panel.AddUser("1234", 1, 2);
        _simulator.Panel.AssignZone(3, 1);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        await _simulator.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task AfterConnecting_EveryPartitionAndZoneOfTheModel_IsKnown_AndNothingIsRaised()
    {
        var started = _time.GetUtcNow();
        await StartAsync();

        var snapshot = _worker.Snapshot();
        Assert.Equal("INTEGRA 128 PLUS", snapshot.Model);
        Assert.Equal(32, snapshot.Partitions.Count);
        Assert.Equal(128, snapshot.Zones.Count);
        Assert.All(snapshot.Partitions.Values, p => Assert.Equal(SatelPartitionStatus.Disarmed, p));
        Assert.All(snapshot.Zones.Values, z => Assert.Equal(SatelZoneStatus.Normal, z));
        // The test moves fake time in steps while the worker polls: the answer came at one of those steps.
        Assert.InRange(snapshot.LastAnswerAt!.Value, started, _time.GetUtcNow());
        Assert.Empty(_events.Events);
    }

    [Fact]
    public async Task Polling_AsksForNewDataAboutOnceASecond()
    {
        await StartAsync();
        var before = _simulator.FramesReceived;

        await AdvanceUntilAsync(() => _simulator.FramesReceived >= before + 3, TimeSpan.FromSeconds(1));

        Assert.Equal(before + 3, _simulator.FramesReceived);
    }

    [Fact]
    public async Task ViolatingZone3_RaisesOneCriticalEvent()
    {
        await StartAsync();

        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count > 0);
        await PollsAsync(3);

        var input = Assert.Single(_events.Events);
        Assert.Equal((EventPriority.Critical, EventKind.Alarm, "zone_violation", "3", 7L, 5L), (input.Priority, input.Kind, input.Code, input.Zone, input.DeviceId, input.SiteId));
        Assert.Equal($"7:zone_violation:3:{input.OccurredAt.UtcDateTime:yyyyMMddHHmm}", input.DedupKey);
        Assert.Equal(SatelZoneStatus.Violated, _worker.Snapshot().Zones[3]);
    }

    [Fact]
    public async Task RestoringTheZone_IsASignal()
    {
        await StartAsync();
        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count == 1);

        _simulator.Panel.RestoreZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count == 2);

        Assert.Equal(("zone_restore", EventKind.Signal), (_events.Events[1].Code, _events.Events[1].Kind));
        Assert.Equal(SatelZoneStatus.Normal, _worker.Snapshot().Zones[3]);
    }

    [Fact]
    public async Task APartitionAlarm_RaisesThePartitionAndTheZone()
    {
        await StartAsync();

        _simulator.Panel.RaiseAlarm(1, zone: 3);
        await AdvanceUntilAsync(() => _events.Events.Count >= 2);

        Assert.Equal(["partition_alarm", "zone_alarm"], _events.Events.Select(e => e.Code));
        Assert.Equal(SatelPartitionStatus.Alarm, _worker.Snapshot().Partitions[1]);
    }

    [Fact]
    public async Task ATrouble_IsMedium()
    {
        await StartAsync();

        _simulator.Panel.AddTrouble(part: 2, bit: 5);
        await AdvanceUntilAsync(() => _events.Events.Count > 0);

        var input = Assert.Single(_events.Events);
        Assert.Equal(("trouble", EventPriority.Medium), (input.Code, input.Priority));
        Assert.Equal([new SatelTrouble(2, 5)], _worker.Snapshot().Troubles);
    }

    [Fact]
    public async Task OutputsSwitchedOnThePanel_ShowInTheLiveState()
    {
        await StartAsync();

        _simulator.Panel.SetOutput(4, on: true);
        await AdvanceUntilAsync(() => _worker.Snapshot().Outputs.Contains(4));

        Assert.Empty(_events.Events);
    }

    [Fact]
    public async Task AnEventTheAlarmCoreRefused_IsHandedOverAgainAfterTheNextPoll()
    {
        await StartAsync();
        _events.FailNext(2);

        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count > 0);

        Assert.Equal("zone_violation", Assert.Single(_events.Events).Code);
        Assert.Equal(2, _worker.PublishFailures);
    }

    [Fact]
    public async Task APulledCable_MakesThePanelUnknown_ThenItReconnects_WithoutRaisingTheSameAlarmAgain()
    {
        await StartAsync();
        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count == 1);
        var lastAnswer = _worker.Snapshot().LastAnswerAt!.Value;

        _simulator.Silent = true;
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Disconnected, TimeSpan.FromMilliseconds(10));
        var stillKnown = _worker.Snapshot();
        _time.Advance(lastAnswer + SatelWorkerOptions.DefaultUnknownAfter + TimeSpan.FromSeconds(1) - _time.GetUtcNow());
        var unknown = _worker.Snapshot();
        _simulator.Silent = false;
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Connected && _worker.Snapshot().Zones[3] == SatelZoneStatus.Violated);
        await PollsAsync(3);

        Assert.Equal(SatelZoneStatus.Violated, stillKnown.Zones[3]);
        Assert.All(unknown.Zones.Values, z => Assert.Equal(SatelZoneStatus.Unknown, z));
        Assert.All(unknown.Partitions.Values, p => Assert.Equal(SatelPartitionStatus.Unknown, p));
        Assert.True(_worker.Connects >= 2);
        Assert.Single(_events.Events);
    }

    [Fact]
    public async Task APanelThatCannotBeReached_IsRetriedAfter1_2_4_8_16_ThenEvery30Seconds()
    {
        var closed = new Ethm1Simulator();
        var port = closed.Port;
        await closed.DisposeAsync();
        Start(port);

        var waits = new List<double>();
        var waiting = new List<SatelPanelSnapshot>();
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            await AdvanceUntilAsync(() => _worker.ConnectAttempts == attempt && _worker.Snapshot().RetryAt is not null, TimeSpan.Zero);
            var snapshot = _worker.Snapshot();
            waiting.Add(snapshot);
            var retryIn = snapshot.RetryAt!.Value - _time.GetUtcNow();
            waits.Add(retryIn.TotalSeconds);
            _time.Advance(retryIn);
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits);
        Assert.All(waiting, s => Assert.Equal(SatelConnectionStatus.Disconnected, s.Connection));
        Assert.All(waiting, s => Assert.False(string.IsNullOrEmpty(s.Problem)));
    }

    [Fact]
    public async Task Busy_IsRetriedAfter5Seconds_UntilTheOtherClientLeaves()
    {
        var other = await SatelClient.ConnectAsync("127.0.0.1", _simulator.Port);
        await other.ReadNewDataAsync();
        Start(_simulator.Port);

        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Busy, TimeSpan.Zero);
        var retryIn = _worker.Snapshot().RetryAt!.Value - _time.GetUtcNow();
        await other.DisposeAsync();
        await _simulator.WaitUntilFreeAsync();
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Connected);

        Assert.Equal(TimeSpan.FromSeconds(5), retryIn);
        Assert.True(_worker.BusyRefusals >= 1);
        Assert.True(_simulator.BusyRefusals >= 1);
    }

    [Fact]
    public async Task TheTimeline_IsWrittenAfterEachChange_AndLinesTheStoreRefusedWaitForTheNextPoll()
    {
        await StartAsync();
        _history.Failing = true;

        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _worker.HistoryFailures > 0);
        _simulator.Panel.RestoreZone(3);
        await AdvanceUntilAsync(() => _worker.HistoryFailures > 1 && _worker.Snapshot().Zones[3] == SatelZoneStatus.Normal);
        _history.Failing = false;
        await AdvanceUntilAsync(() => _history.Lines.Count >= 2);

        Assert.Equal([("NORMAL", "VIOLATED"), ("VIOLATED", "NORMAL")], _history.Lines.Select(l => (l.From, l.To)));
        Assert.All(_history.Lines, l => Assert.Equal((7L, PanelItem.Zone, 3), (l.DeviceId, l.Item, l.Number)));
        Assert.Single(_events.Events, e => e.Code == "zone_violation");
    }

    private async Task StartAsync(IPanelDescriptionStore? descriptions = null)
    {
        Start(_simulator.Port, descriptions);
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Connected);
    }

    private void Start(int port, IPanelDescriptionStore? descriptions = null)
    {
        var options = new SatelWorkerOptions
        {
            TimeProvider = _time,
            Client = new SatelClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), ConnectTimeout = TimeSpan.FromSeconds(2) },
            History = _history,
            Descriptions = descriptions,
        };
        _worker = new SatelPanelWorker(new SatelPanelIdentity(7, 5), new SatelEndpoint("127.0.0.1", port), _events, options);
        _running = _worker.RunAsync(_stop.Token);
    }

    /// <summary>Lets the worker poll <paramref name="count"/> more times (each poll sends a 0x7F the simulator counts).</summary>
    private async Task PollsAsync(int count)
    {
        var target = _simulator.FramesReceived + count;
        await AdvanceUntilAsync(() => _simulator.FramesReceived >= target);
    }

    /// <summary>A timeline store that refuses writes while <see cref="Failing"/>, like a full disk.</summary>
    private sealed class FlakyHistory : IPanelHistoryStore
    {
        private readonly List<PanelStateChange> _lines = [];
        private volatile bool _failing;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        public IReadOnlyList<PanelStateChange> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public Task AppendAsync(IReadOnlyList<PanelStateChange> changes, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new IOException("disk full");
            }

            lock (_lines)
            {
                _lines.AddRange(changes);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<PanelStateChange>> ListAsync(long deviceId, DateTimeOffset? from, DateTimeOffset? to, int limit, CancellationToken cancellationToken) =>
            Task.FromResult(Lines);
    }

    /// <summary>Moves fake time by <paramref name="step"/> (250 ms unless given) until the condition holds; fails after 10 real seconds.</summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan? step = null)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            _time.Advance(step ?? Step);
            await Task.Delay(5, guard.Token);
        }
    }
}
