namespace Sotp.Collectors.Satel;

/// <summary>What an operator asks a panel to do.</summary>
public enum SatelCommandKind
{
    Arm,
    Disarm,
    ClearAlarm,
    OutputsOn,
    OutputsOff,
}

/// <summary>A control command with the user code it is given with (from the device's secret, never logged).</summary>
/// <param name="Numbers">Partitions (arm, disarm, clear alarm) or outputs.</param>
/// <param name="Mode">Arm mode 0-3.</param>
/// <param name="Force">Arm despite violated zones (0xA0-0xA3).</param>
public sealed record SatelPanelCommand(SatelCommandKind Kind, IReadOnlyList<int> Numbers, string Code, int Mode = 0, bool Force = false)
{
    /// <summary>The command in words, without the code: what the audit log and the command list show.</summary>
    public string Describe()
    {
        var numbers = string.Join(",", Numbers);
        return Kind switch
        {
            SatelCommandKind.Arm => $"arm{(Force ? " (force)" : "")} in mode {Mode}, partitions {numbers}",
            SatelCommandKind.Disarm => $"disarm partitions {numbers}",
            SatelCommandKind.ClearAlarm => $"clear alarm in partitions {numbers}",
            SatelCommandKind.OutputsOn => $"outputs {numbers} on",
            _ => $"outputs {numbers} off",
        };
    }

    /// <summary>Redacts the code, so a record printed or logged by accident never shows it.</summary>
    public override string ToString() => Describe();
}
