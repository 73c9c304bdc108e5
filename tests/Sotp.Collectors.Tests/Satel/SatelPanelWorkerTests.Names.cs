using Sotp.Collectors.Satel;
using Sotp.Core.Panels;

namespace Sotp.Collectors.Tests.Satel;

/// <summary>The worker reads the panel's versions and names after connecting, between polls, and stores them.</summary>
public sealed partial class SatelPanelWorkerTests
{
    [Fact]
    public async Task VersionsAndNames_AreReadAfterConnecting_AndStored()
    {
        _simulator.Panel.Name(SatelNameKind.Partition, 1, "Biuro");
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi wejściowe", function: 1);
        _simulator.Panel.Name(SatelNameKind.Output, 2, "Syrena", function: 4);
        var store = new RecordingDescriptions();

        await StartAsync(store);
        await AdvanceUntilAsync(() => store.Names is not null);

        Assert.Equal(
            [new PanelName(PanelItem.Partition, 1, "Biuro", 0), new(PanelItem.Zone, 3, "Drzwi wejściowe", 1, Partition: 1), new(PanelItem.Output, 2, "Syrena", 4)],
            store.Names);
        var versions = store.Versions!;
        Assert.Equal(new PanelVersions(7, 67, "INTEGRA 128 PLUS", "1.18 2019-03-21", 0, true, "1.11 2018-06-15", false, versions.ReadAt), versions);
        Assert.Equal(0, _worker.CorruptFrames);
    }

    [Fact]
    public async Task TruncatedOrGarbledNameAnswers_AreSkippedAndCounted_AndThePanelIsWatchedAllTheSame()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");
        _simulator.Panel.Name(SatelNameKind.Zone, 5, "Okno");
        _simulator.Panel.AnswerNameWith(SatelNameKind.ZoneWithPartition, 3, [0x05, 0x03]);
        _simulator.Panel.AnswerNameWith(SatelNameKind.ZoneWithPartition, 4, [0x77, 0xFE, 0x0D, .. new byte[30]]);
        var store = new RecordingDescriptions();

        await StartAsync(store);
        await AdvanceUntilAsync(() => store.Names is not null);
        _simulator.Panel.ViolateZone(3);
        await AdvanceUntilAsync(() => _events.Events.Count > 0);

        Assert.Equal([new PanelName(PanelItem.Zone, 5, "Okno", 0)], store.Names);
        Assert.Equal(2, _worker.CorruptFrames);
        Assert.Equal(1, _worker.Connects);
        Assert.Equal("zone_violation", Assert.Single(_events.Events).Code);
    }

    [Fact]
    public async Task AStoreThatRefuses_GetsTheDescriptionAgainAfterTheNextPoll()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");
        var store = new RecordingDescriptions { Failing = true };

        await StartAsync(store);
        await AdvanceUntilAsync(() => _worker.DescriptionFailures >= 3);
        store.Failing = false;
        await AdvanceUntilAsync(() => store.Names is not null);

        Assert.Equal("Drzwi", Assert.Single(store.Names!).Name);
        Assert.NotNull(store.Versions);
        Assert.Equal(SatelConnectionStatus.Connected, _worker.Status);
    }

    [Fact]
    public async Task Names_AreReadAgain_OnTheNextConnection()
    {
        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Drzwi");
        var store = new RecordingDescriptions();
        await StartAsync(store);
        await AdvanceUntilAsync(() => store.Names is not null);

        _simulator.Panel.Name(SatelNameKind.Zone, 3, "Brama");
        _simulator.Silent = true;
        await AdvanceUntilAsync(() => _worker.Status == SatelConnectionStatus.Disconnected, TimeSpan.FromMilliseconds(10));
        _simulator.Silent = false;
        await AdvanceUntilAsync(() => store.NameWrites == 2);

        Assert.Equal("Brama", Assert.Single(store.Names!).Name);
        Assert.True(_worker.Connects >= 2);
    }

    /// <summary>Keeps what the worker wrote last; refuses every write while <see cref="Failing"/>.</summary>
    private sealed class RecordingDescriptions : IPanelDescriptionStore
    {
        private readonly Lock _lock = new();
        private volatile bool _failing;
        private PanelVersions? _versions;
        private IReadOnlyList<PanelName>? _names;
        private int _nameWrites;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        public PanelVersions? Versions
        {
            get
            {
                lock (_lock)
                {
                    return _versions;
                }
            }
        }

        public IReadOnlyList<PanelName>? Names
        {
            get
            {
                lock (_lock)
                {
                    return _names;
                }
            }
        }

        public int NameWrites => Volatile.Read(ref _nameWrites);

        public Task SaveVersionsAsync(PanelVersions versions, CancellationToken cancellationToken)
        {
            ThrowIfFailing();
            lock (_lock)
            {
                _versions = versions;
            }

            return Task.CompletedTask;
        }

        public Task ReplaceNamesAsync(long deviceId, IReadOnlyList<PanelName> names, DateTimeOffset readAt, CancellationToken cancellationToken)
        {
            ThrowIfFailing();
            lock (_lock)
            {
                _names = [.. names];
            }

            Interlocked.Increment(ref _nameWrites);
            return Task.CompletedTask;
        }

        public Task<PanelDescription> GetAsync(long deviceId, CancellationToken cancellationToken) =>
            Task.FromResult(new PanelDescription(Versions, Names ?? [], null));

        private void ThrowIfFailing()
        {
            if (Failing)
            {
                throw new IOException("disk full");
            }
        }
    }
}
