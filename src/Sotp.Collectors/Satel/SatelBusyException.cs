namespace Sotp.Collectors.Satel;

/// <summary>
/// The module answered "Busy!": another client (DLOADX, another station) holds its only integration connection.
/// The connection is closed by the module; retry later (the protocol description suggests 5 s).
/// </summary>
public sealed class SatelBusyException : IOException
{
    public SatelBusyException()
        : base("The module is busy: another client holds its integration connection.")
    {
    }

    public SatelBusyException(string message)
        : base(message)
    {
    }

    public SatelBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
