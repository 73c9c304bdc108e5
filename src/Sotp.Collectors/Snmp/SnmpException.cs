namespace Sotp.Collectors.Snmp;

/// <summary>Base of every error the SNMP engine raises, so a poller can catch "the device failed" in one place.</summary>
public class SnmpException : Exception
{
    public SnmpException(string message)
        : base(message)
    {
    }

    public SnmpException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
