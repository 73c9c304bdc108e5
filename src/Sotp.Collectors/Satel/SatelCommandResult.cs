namespace Sotp.Collectors.Satel;

/// <summary>The 0xEF answer to a control command. Success means the panel took it; read the state back to confirm.</summary>
public readonly record struct SatelCommandResult(byte Code)
{
    public bool IsSuccess => SatelResult.IsSuccess(Code);

    public string Description => SatelResult.Describe(Code);

    public override string ToString() => $"0x{Code:X2} {Description}";
}
