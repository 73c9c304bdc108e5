namespace Sotp.Testing.Satel;

/// <summary>How the simulated module and its panel present themselves.</summary>
public sealed class Ethm1SimulatorOptions
{
    /// <summary>The module closes a connection that sent no frame for this long; the protocol description says about 25 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>The clock of the idle drop and of slow answers; tests pass a fake one to move time by hand.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>67 = INTEGRA 128 PLUS.</summary>
    public byte PanelType { get; init; } = 67;

    /// <summary>11 ASCII characters <c>VMMYYYYMMDD</c>: version 1.18 of 2019-03-21.</summary>
    public string PanelVersion { get; init; } = "11820190321";

    /// <summary>The ETHM-1's own version, same layout.</summary>
    public string ModuleVersion { get; init; } = "11120180615";

    public byte Language { get; init; }

    /// <summary>An ETHM-1 Plus integration key: the module then speaks only encrypted (<see cref="Ethm1Encryption"/>).</summary>
    public string? IntegrationKey { get; init; }

    /// <summary>Whether the panel answers a zone's name with its partition (0xEE type 5); older firmware refuses it.</summary>
    public bool ZoneNamesWithPartition { get; init; } = true;

    /// <summary>Whether the module answers 32-byte zone/output sets to a query with an extra 0x00 (INTEGRA 256 PLUS).</summary>
    public bool Supports256 { get; init; }
}
