using System.Threading.Channels;

namespace Sotp.Server.Web;

/// <summary>
/// Reads a live channel in the background and hands a component what arrived in batches, at most once per
/// <see cref="Interval"/>: a burst of 500 alarm changes redraws a page a few times, not 500 times.
/// </summary>
public sealed class LivePump<T> : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable? _source;
    private readonly Task _loop;

    /// <param name="onBatch">Called with what arrived since the last call; the component redraws on its own dispatcher.</param>
    /// <param name="onLost">The channel ended with an error (a subscriber cut off as too slow): the component reloads and subscribes again.</param>
    /// <param name="source">Disposed with the pump: the subscription the channel belongs to.</param>
    public LivePump(ChannelReader<T> reader, Func<IReadOnlyList<T>, Task> onBatch, Func<Task>? onLost = null, IDisposable? source = null)
    {
        _source = source;
        _loop = RunAsync(reader, onBatch, onLost, source, _stop.Token);
    }

    private static async Task RunAsync(ChannelReader<T> reader, Func<IReadOnlyList<T>, Task> onBatch, Func<Task>? onLost, IDisposable? source, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            while (await reader.WaitToReadAsync(stop))
            {
                var batch = new List<T>();
                while (reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await onBatch(batch);
                await Task.Delay(Interval, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (Exception) when (!stop.IsCancellationRequested && onLost is not null)
        {
            source?.Dispose();
            await onLost();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _source?.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // A component callback that failed while the page was closing; nothing is left to update.
        }

        _stop.Dispose();
    }
}
