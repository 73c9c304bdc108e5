using System.Diagnostics.Metrics;
using Sotp.Core.Series;

namespace Sotp.Server.Series;

/// <summary>Runs the series writer for the life of the server and reports it: /metrics, and one log line per failure streak.</summary>
public sealed partial class SeriesWriterService : BackgroundService
{
    public const string MeterName = "Sotp.Series";

    private readonly SeriesWriter _writer;
    private readonly ILogger<SeriesWriterService> _logger;
    private int _failing;

    public SeriesWriterService(SeriesWriter writer, IMeterFactory meters, ILogger<SeriesWriterService> logger)
    {
        _writer = writer;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("sotp.series.points.written", () => _writer.Written, description: "Points stored.");
        meter.CreateObservableCounter("sotp.series.points.dropped", () => _writer.Dropped,
            description: "Points lost because the store was down or slow for so long that the queue filled.");
        meter.CreateObservableCounter("sotp.series.write.failures", () => _writer.Failures, description: "Batches the store refused (each is retried).");
        meter.CreateObservableGauge("sotp.series.points.pending", () => _writer.Pending, description: "Points waiting to be written.");
        writer.WriteFailed += OnWriteFailed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var written = _writer.Written;
        var watch = Task.Run(async () =>
        {
            // A success after failures is worth one line too: the operator saw the error and wants to know it passed.
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                if (_writer.Written != written && Interlocked.Exchange(ref _failing, 0) == 1)
                {
                    LogRecovered(_logger);
                }

                written = _writer.Written;
            }
        }, CancellationToken.None);
        await _writer.RunAsync(stoppingToken);
        await watch;
    }

    private void OnWriteFailed(Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            LogWriteFailed(_logger, exception, _writer.Pending);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Time-series points cannot be written; retrying with back-off, {Pending} points queued in memory")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Time-series points are being written again")]
    private static partial void LogRecovered(ILogger logger);
}
