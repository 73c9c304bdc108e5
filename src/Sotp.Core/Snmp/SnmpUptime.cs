namespace Sotp.Core.Snmp;

/// <summary>Reboots told by sysUpTime going backwards, minus its natural wrap (TimeTicks roll over after 497 days).</summary>
public static class SnmpUptime
{
    private const ulong Wrap = 1UL << 32;

    public static bool Rebooted(uint? previousTicks, DateTimeOffset previousAt, uint? currentTicks, DateTimeOffset currentAt)
    {
        if (previousTicks is not { } before || currentTicks is not { } now || now >= before)
        {
            return false;
        }

        // Had the agent kept counting, would it have passed 2^32 by now? Then a smaller value is the wrap, not a restart.
        var elapsedTicks = (ulong)Math.Max(0, (currentAt - previousAt).TotalMilliseconds / 10);
        return before + elapsedTicks < Wrap;
    }
}
