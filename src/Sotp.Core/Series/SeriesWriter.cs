using System.Threading.Channels;

namespace Sotp.Core.Series;

/// <summary>
/// Collectors hand points here and go on at once; a background loop writes them to the store in batches (up to
/// <see cref="BatchSize"/> points, or whatever arrived within <see cref="FlushInterval"/>). When the store fails,
/// the batch is kept and retried with back-off while new points queue behind it; only when the queue of
/// <see cref="Capacity"/> points is full are the oldest dropped, and counted. The latest values are updated as
/// points arrive, so the screen never waits for the store.
/// </summary>
public sealed class SeriesWriter
{
    public const int Capacity = 1_000_000;
    public const int BatchSize = 5000;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly ISeriesStore _store;
    private readonly LatestSeriesValues _latest;
    private readonly TimeProvider _time;
    private readonly ISeriesObserver[] _observers;
    private readonly Channel<SeriesPoint> _queue;
    private long _dropped;
    private long _written;
    private long _failures;

    public SeriesWriter(ISeriesStore store, LatestSeriesValues latest, TimeProvider time, IEnumerable<ISeriesObserver>? observers = null)
    {
        _store = store;
        _latest = latest;
        _time = time;
        _observers = observers?.ToArray() ?? [];
        _queue = Channel.CreateBounded<SeriesPoint>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Points lost because the store could not keep up or was down for long.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Batches the store refused (each is retried).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public int Pending => _queue.Reader.Count;

    /// <summary>Raised with the exception each time a batch could not be written (it is retried).</summary>
    public event Action<Exception>? WriteFailed;

    public void Write(SeriesPoint point)
    {
        _latest.Record(point);
        _queue.Writer.TryWrite(point);
        foreach (var observer in _observers)
        {
            observer.Observe(point);
        }
    }

    /// <summary>A device no longer measured: its latest values go (its stored points age out with retention).</summary>
    public void Forget(long deviceId) => _latest.Forget(deviceId);

    /// <summary>Runs until cancelled, then writes what is still queued once more (best effort) and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SeriesPoint>(BatchSize);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (batch.Count == 0)
                {
                    await FillAsync(batch, stoppingToken);
                }

                await _store.AppendAsync(batch, stoppingToken);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _failures);
                WriteFailed?.Invoke(ex);
                var backOff = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures++, 5))));
                await Task.Delay(backOff, _time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }

        await DrainOnStopAsync(batch);
    }

    private async Task FillAsync(List<SeriesPoint> batch, CancellationToken stoppingToken)
    {
        if (!await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            return;
        }

        // The first point starts the clock: a quiet node still writes within a second, a busy one in full batches.
        using var flushDue = new CancellationTokenSource(FlushInterval, _time);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, flushDue.Token);
        try
        {
            while (batch.Count < BatchSize)
            {
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var point))
                {
                    batch.Add(point);
                }

                if (batch.Count < BatchSize && !await _queue.Reader.WaitToReadAsync(window.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: write what there is.
        }
    }

    private async Task DrainOnStopAsync(List<SeriesPoint> batch)
    {
        while (_queue.Reader.TryRead(out var point))
        {
            batch.Add(point);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            foreach (var chunk in batch.Chunk(BatchSize))
            {
                await _store.AppendAsync(chunk, deadline.Token);
                Interlocked.Add(ref _written, chunk.Length);
            }
        }
        catch (Exception ex)
        {
            WriteFailed?.Invoke(ex);
        }
    }
}
