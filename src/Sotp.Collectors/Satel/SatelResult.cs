namespace Sotp.Collectors.Satel;

/// <summary>The 0xEF result frame's code, which answers every control command (and some refusals of reads).</summary>
public static class SatelResult
{
    public const byte Command = 0xEF;
    public const byte Ok = 0x00;
    public const byte Accepted = 0xFF;

    /// <summary>What an operator should read for a result code.</summary>
    public static string Describe(byte code) => code switch
    {
        0x00 => "OK",
        0x01 => "user code not found",
        0x02 => "no access",
        0x03 => "selected user does not exist",
        0x04 => "selected user already exists",
        0x05 => "wrong code or code already exists",
        0x06 => "telephone code already exists",
        0x07 => "changed code is the same",
        0x08 => "other error",
        0x11 => "cannot arm, but force arm is possible",
        0x12 => "cannot arm",
        >= 0x80 and <= 0x8F => $"other error (0x{code:X2})",
        0xFF => "command accepted, will be processed",
        _ => $"unknown result 0x{code:X2}",
    };

    /// <summary>True for the codes that mean the panel took the command.</summary>
    public static bool IsSuccess(byte code) => code is Ok or Accepted;
}
