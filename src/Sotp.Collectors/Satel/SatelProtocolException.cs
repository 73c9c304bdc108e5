namespace Sotp.Collectors.Satel;

/// <summary>The module answered, but not as the protocol says: a refused read (a 0xEF result) or data of the wrong size.</summary>
public sealed class SatelProtocolException : Exception
{
    public SatelProtocolException()
    {
    }

    public SatelProtocolException(string message)
        : base(message)
    {
    }

    public SatelProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SatelProtocolException(string message, byte resultCode)
        : base(message)
    {
        ResultCode = resultCode;
    }

    /// <summary>The 0xEF result code, when the module refused the request with one.</summary>
    public byte? ResultCode { get; }
}
