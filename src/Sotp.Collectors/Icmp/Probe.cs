using System.Diagnostics;
using System.Net;
using Sotp.Core.Monitoring;

namespace Sotp.Collectors.Icmp;

/// <summary>
/// One <see cref="IcmpEngine.ProbeAsync"/> call: where its echoes go, what became of each, and the one task its
/// caller awaits. The sending thread owns <see cref="NextEcho"/>; an echo is resolved once, by whichever thread
/// took it out of the engine's in-flight table (the receiver for a reply or error, the sender for a timeout).
/// </summary>
internal sealed class Probe
{
    private readonly EchoOutcome[] _outcomes;
    private readonly TaskCompletionSource<EchoResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unresolved;
    private CancellationTokenRegistration _cancellation;

    public Probe(IcmpSocket socket, IPAddress target, EchoRequest request)
    {
        Socket = socket;
        Target = target;
        Destination = new IPEndPoint(target, 0).Serialize();
        IntervalTicks = (long)(request.Interval.TotalSeconds * Stopwatch.Frequency);
        TimeoutTicks = (long)(request.Timeout.TotalSeconds * Stopwatch.Frequency);
        _outcomes = new EchoOutcome[request.Count];
        _unresolved = request.Count;
    }

    public IcmpSocket Socket { get; }

    public IPAddress Target { get; }

    public SocketAddress Destination { get; }

    public long IntervalTicks { get; }

    public long TimeoutTicks { get; }

    public int Count => _outcomes.Length;

    /// <summary>The index of the next echo to send; only the sending thread reads or moves it.</summary>
    public int NextEcho { get; set; }

    public Task<EchoResult> Task => _completion.Task;

    /// <summary>Done: every echo resolved, or the caller gave up.</summary>
    public bool Finished => _completion.Task.IsCompleted;

    public void CancelWith(CancellationToken cancellationToken) =>
        _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Probe)state!)._completion.TrySetCanceled(token), this);

    /// <summary>Compares a reply's source with the target's bytes inside <see cref="Destination"/>: no IPAddress per reply.</summary>
    public bool IsFrom(ReadOnlySpan<byte> source, uint scopeId) =>
        SocketAddressBytes.TryRead(Destination.Buffer.Span[..Destination.Size], out var target, out var targetScopeId)
        && source.SequenceEqual(target) && (scopeId == 0 || targetScopeId == 0 || scopeId == targetScopeId);

    public void Resolve(int echo, EchoOutcome outcome)
    {
        _outcomes[echo] = outcome;
        if (Interlocked.Decrement(ref _unresolved) == 0)
        {
            _cancellation.Unregister();
            _completion.TrySetResult(IcmpEngine.Summarise(_outcomes));
        }
    }

    /// <summary>The echoes not sent yet count as lost: the engine is stopping.</summary>
    public void AbandonUnsent()
    {
        while (NextEcho < Count)
        {
            Resolve(NextEcho++, EchoOutcome.Lost);
        }
    }
}
