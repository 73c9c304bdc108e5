namespace Sotp.Collectors.Satel;

/// <summary>
/// The control commands: a user code (with the panel's prefix) and the set to act on, answered by a 0xEF result.
/// A result of success means the panel took the command, not that it is done: read the state back to confirm.
/// </summary>
public sealed partial class SatelClient
{
    private const byte ArmCommand = 0x80;
    private const byte ForceArmCommand = 0xA0;
    private const byte DisarmCommand = 0x84;
    private const byte ClearAlarmCommand = 0x85;
    private const byte OutputsOnCommand = 0x88;
    private const byte OutputsOffCommand = 0x89;

    /// <summary>Arms partitions in mode 0-3; <paramref name="force"/> arms despite violated zones (0xA0-0xA3).</summary>
    public Task<SatelCommandResult> ArmAsync(string code, IEnumerable<int> partitions, int mode = 0, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mode, 3);
        var command = (byte)((force ? ForceArmCommand : ArmCommand) + mode);
        return ControlAsync(command, code, SatelEncoding.Set(partitions, SatelEncoding.PartitionSetBytes), cancellationToken);
    }

    public Task<SatelCommandResult> DisarmAsync(string code, IEnumerable<int> partitions, CancellationToken cancellationToken = default) =>
        ControlAsync(DisarmCommand, code, SatelEncoding.Set(partitions, SatelEncoding.PartitionSetBytes), cancellationToken);

    public Task<SatelCommandResult> ClearAlarmAsync(string code, IEnumerable<int> partitions, CancellationToken cancellationToken = default) =>
        ControlAsync(ClearAlarmCommand, code, SatelEncoding.Set(partitions, SatelEncoding.PartitionSetBytes), cancellationToken);

    /// <summary>Switches outputs on (0x88) or off (0x89).</summary>
    public Task<SatelCommandResult> SwitchOutputsAsync(string code, IEnumerable<int> outputs, bool on, CancellationToken cancellationToken = default) =>
        ControlAsync(on ? OutputsOnCommand : OutputsOffCommand, code, SatelEncoding.Set(outputs, _options.LargeSets ? WideSetBytes : NarrowSetBytes), cancellationToken);

    private async Task<SatelCommandResult> ControlAsync(byte command, string code, byte[] set, CancellationToken cancellationToken)
    {
        var answer = await RequestAsync(new SatelFrame(command, [.. SatelEncoding.UserCode(code, _options.CodePrefix), .. set]), cancellationToken);
        if (answer.Command != SatelResult.Command || answer.Data.Length < 1)
        {
            throw new SatelProtocolException($"Control command 0x{command:X2} was answered by 0x{answer.Command:X2} [{Convert.ToHexString(answer.Data)}], not by a result.");
        }

        return new SatelCommandResult(answer.Data[0]);
    }
}
