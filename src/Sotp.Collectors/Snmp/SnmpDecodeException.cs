namespace Sotp.Collectors.Snmp;

/// <summary>
/// The only exception the BER decoder throws, whatever bytes it is given: truncated, over-long, wrong tags or
/// values out of range. Callers that receive datagrams from the network catch this one type and count the packet.
/// </summary>
public sealed class SnmpDecodeException : SnmpException
{
    public SnmpDecodeException(string message, int offset)
        : base($"{message} (at byte {offset})")
    {
        Offset = offset;
    }

    /// <summary>Where in the input the decoder gave up.</summary>
    public int Offset { get; }
}
