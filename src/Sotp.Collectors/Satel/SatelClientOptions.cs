namespace Sotp.Collectors.Satel;

/// <summary>How <see cref="SatelClient"/> talks to one panel's ETHM-1.</summary>
public sealed class SatelClientOptions
{
    /// <summary>The module's factory port; sites change it, so it is a per-panel setting, not a constant of ours.</summary>
    public const int DefaultPort = 7094;

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The protocol description asks to wait 3-5 s for an answer; the short end keeps a dead link visible.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(3);

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The panel's user-code prefix, when it is configured to use one: sent before every code.</summary>
    public string? CodePrefix { get; init; }

    /// <summary>
    /// Ask for 32-byte zone and output sets (INTEGRA 256 PLUS, module flag bit 0 of 0x7C) by sending one extra 0x00
    /// with the query. Off by default: a 128-zone panel answers 16 bytes.
    /// </summary>
    public bool LargeSets { get; init; }

    /// <summary>An ETHM-1 Plus integration key (1..12 ASCII characters): every message is then encrypted (<see cref="SatelCipher"/>).</summary>
    public string? IntegrationKey { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
