using System.Diagnostics.Metrics;
using Sotp.Collectors.Satel;

namespace Sotp.Server.Satel;

/// <summary>
/// Every watched panel's connection in /metrics: <c>satel_connection_status</c> (1 connected and answering, 0 not)
/// and <c>satel_crc_errors_total</c> (mangled frames), one series per panel, read from the workers when scraped.
/// </summary>
public sealed class SatelMetrics
{
    public const string MeterName = "Sotp.Satel";

    private readonly Counter<long> _workersStarted;

    public SatelMetrics(IMeterFactory meters, SatelPanels panels)
    {
        var meter = meters.Create(MeterName);
        _workersStarted = meter.CreateCounter<long>("satel.workers.started", description: "Panel workers started: a panel added or enabled, or its address changed.");
        meter.CreateObservableGauge("satel.connection.status",
            () => panels.Workers.Select(w => Measurement(w, w.Status == SatelConnectionStatus.Connected ? 1 : 0)),
            description: "1 while the panel's ETHM-1 is connected and answering, 0 otherwise (connecting, down, busy, released).");
        meter.CreateObservableCounter("satel.crc.errors",
            () => panels.Workers.Select(w => Measurement(w, w.CorruptFrames)),
            description: "Frames from the panel dropped for a bad checksum or bad stuffing, and name answers that made no sense (skipped).");
    }

    public void WorkerStarted() => _workersStarted.Add(1);

    private static Measurement<int> Measurement(SatelPanelWorker worker, int value) =>
        new(value, new KeyValuePair<string, object?>("device_id", worker.Panel.DeviceId));
}
