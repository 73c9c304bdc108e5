using Sotp.Core.Panels;

namespace Sotp.Collectors.Satel;

/// <summary>How a <see cref="SatelPanelWorker"/> polls and reconnects; the defaults follow the protocol description.</summary>
public sealed class SatelWorkerOptions
{
    /// <summary>About once a second, as Satel recommends; it also keeps the module from dropping the idle link (25 s).</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Long enough for a request timeout and the first two reconnects (3 + 1 + 2 s) to pass quietly: a short blip
    /// does not blank the console, a panel gone for longer does not show an old "disarmed" as current.
    /// </summary>
    public static readonly TimeSpan DefaultUnknownAfter = TimeSpan.FromSeconds(10);

    /// <summary>The module closes after "Busy!"; the description suggests trying again after 5 s.</summary>
    public static readonly TimeSpan DefaultBusyRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>1, 2, 4, 8, 16, then 30 s for every further attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultBackoff = [.. new[] { 1, 2, 4, 8, 16, 30 }.Select(s => TimeSpan.FromSeconds(s))];

    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>Partitions and zones read Unknown when the panel has not answered for this long.</summary>
    public TimeSpan UnknownAfter { get; init; } = DefaultUnknownAfter;

    public TimeSpan BusyRetryDelay { get; init; } = DefaultBusyRetryDelay;

    /// <summary>Waits between failed attempts; the last one repeats.</summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = DefaultBackoff;

    /// <summary>The connection's own settings; its <see cref="SatelClientOptions.RequestTimeout"/> (3 s) is the heartbeat timeout.</summary>
    public SatelClientOptions Client { get; init; } = new();

    /// <summary>Where the panel's timeline of partition and zone changes is kept; none: the timeline is not kept.</summary>
    public IPanelHistoryStore? History { get; init; }

    /// <summary>
    /// Where the panel's type, versions and names are kept; none: names are not read at all (they are read for the
    /// store, from which the API shows them).
    /// </summary>
    public IPanelDescriptionStore? Descriptions { get; init; }

    /// <summary>
    /// Names asked for after each poll until all are read: 16 requests keep an ETHM-1 busy well under a second, so a
    /// change on the panel still shows within about two.
    /// </summary>
    public int NamesPerPoll { get; init; } = 16;

    /// <summary>The clock of polls, back-off and Unknown.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
