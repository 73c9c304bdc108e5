namespace Sotp.Collectors.Satel;

/// <summary>Where a panel worker's connection stands; <see cref="Connected"/> means the panel answered the last poll.</summary>
public enum SatelConnectionStatus
{
    /// <summary>Opening the connection or reading the panel's type: nothing answered yet.</summary>
    Connecting,
    Connected,

    /// <summary>The connection failed or broke; the worker waits out its back-off and tries again.</summary>
    Disconnected,

    /// <summary>The module said "Busy!": another client (DLOADX, another station) holds its only connection.</summary>
    Busy,

    /// <summary>Let go on purpose so an installer can connect; the worker comes back by itself.</summary>
    Released,
    Stopped,
}
