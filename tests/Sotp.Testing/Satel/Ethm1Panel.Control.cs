using System.Text;
using Sotp.Collectors.Satel;

namespace Sotp.Testing.Satel;

/// <summary>The panel's control commands: arm, disarm, clear alarm and outputs, each checked against the user code first.</summary>
public sealed partial class Ethm1Panel
{
    private byte Arm(byte[] data, int mode, bool force)
    {
        if (Authorise(data, SatelEncoding.PartitionSetBytes, out var partitions) is { } refused)
        {
            return refused;
        }

        var blocked = ViolatedPartitions();
        if (!force && partitions.Any(blocked.Contains))
        {
            return 0x11;
        }

        foreach (var partition in partitions)
        {
            _partitionSets[ArmedSuppressed].Add(partition);
            _partitionSets[ArmedModeCommands[mode]].Add(partition);
        }

        return SatelResult.Ok;
    }

    private byte Disarm(byte[] data)
    {
        if (Authorise(data, SatelEncoding.PartitionSetBytes, out var partitions) is { } refused)
        {
            return refused;
        }

        // Disarming also silences a running alarm, as on a keypad; the alarm memory stays until cleared.
        byte[] cleared = [ArmedSuppressed, .. ArmedModeCommands, EntryTime, ExitTimeLong, ExitTimeShort, PartitionAlarm, PartitionFireAlarm];
        foreach (var command in cleared)
        {
            _partitionSets[command].ExceptWith(partitions);
        }

        return SatelResult.Ok;
    }

    private byte ClearAlarm(byte[] data)
    {
        if (Authorise(data, SatelEncoding.PartitionSetBytes, out var partitions) is { } refused)
        {
            return refused;
        }

        foreach (var command in new[] { PartitionAlarm, PartitionFireAlarm, PartitionAlarmMemory, PartitionFireAlarmMemory })
        {
            _partitionSets[command].ExceptWith(partitions);
        }

        var zonesOfPartitions = _zonePartition.Where(p => partitions.Contains(p.Value)).Select(p => p.Key);
        foreach (var command in new byte[] { ZoneAlarm, 0x03, ZoneAlarmMemory, 0x05 })
        {
            _zoneSets[command].ExceptWith(zonesOfPartitions);
        }

        return SatelResult.Ok;
    }

    private byte SwitchOutputs(byte command, byte[] data)
    {
        var setBytes = data.Length - SatelEncoding.UserCodeBytes;
        if (setBytes is not (NarrowSetBytes or WideSetBytes))
        {
            return OtherError;
        }

        if (Authorise(data, setBytes, out var outputs) is { } refused)
        {
            return refused;
        }

        foreach (var output in outputs)
        {
            var on = command switch
            {
                OutputsOnCommand => true,
                OutputsOffCommand => false,
                _ => !_outputs.Contains(output),
            };
            _ = on ? _outputs.Add(output) : _outputs.Remove(output);
        }

        return SatelResult.Ok;
    }

    /// <summary>
    /// Checks the user code at the start of a control command and reads the set after it. Returns the refusal's
    /// result code, or null when the user may act on every number in the set (partitions; outputs are not
    /// restricted per user in this simulator).
    /// </summary>
    private byte? Authorise(byte[] data, int setBytes, out IReadOnlyList<int> numbers)
    {
        numbers = [];
        if (data.Length != SatelEncoding.UserCodeBytes + setBytes)
        {
            return OtherError;
        }

        numbers = SatelEncoding.Numbers(data.AsSpan(SatelEncoding.UserCodeBytes));
        if (Digits(data.AsSpan(0, SatelEncoding.UserCodeBytes)) is not { } digits || !_users.TryGetValue(digits, out var allowed))
        {
            return 0x01;
        }

        return setBytes == SatelEncoding.PartitionSetBytes && !numbers.All(allowed.Contains) ? (byte)0x02 : null;
    }

    /// <summary>The digits of a BCD user code up to the first 0xF nibble; null when a nibble is not a digit.</summary>
    private static string? Digits(ReadOnlySpan<byte> code)
    {
        var digits = new StringBuilder(SatelEncoding.UserCodeBytes * 2);
        for (var nibble = 0; nibble < code.Length * 2; nibble++)
        {
            var value = nibble % 2 == 0 ? code[nibble / 2] >> 4 : code[nibble / 2] & 0xF;
            if (value == 0xF)
            {
                break;
            }

            if (value > 9)
            {
                return null;
            }

            digits.Append((char)('0' + value));
        }

        return digits.ToString();
    }
}
