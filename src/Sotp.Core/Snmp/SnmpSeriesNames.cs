namespace Sotp.Core.Snmp;

/// <summary>The series the SNMP poller writes. Interface series carry the label <c>interface=NAME</c> (ifName, else ifDescr, else ifIndex).</summary>
public static class SnmpSeriesNames
{
    public const string InBps = "snmp.if_in_bps";
    public const string OutBps = "snmp.if_out_bps";
    public const string InErrorsPerSecond = "snmp.if_in_errors_ps";
    public const string OutErrorsPerSecond = "snmp.if_out_errors_ps";
    public const string InDiscardsPerSecond = "snmp.if_in_discards_ps";
    public const string OutDiscardsPerSecond = "snmp.if_out_discards_ps";

    /// <summary>1 up, 0 down or lowerLayerDown; other states (testing, dormant, notPresent, unknown) write no point.</summary>
    public const string OperStatus = "snmp.if_oper_status";
    public const string CpuPercent = "snmp.cpu_percent";
    public const string MemoryUsedPercent = "snmp.memory_used_percent";
    public const string LoadAverage1m = "snmp.load_1m";
    public const string UpTimeSeconds = "snmp.uptime_seconds";

    public static string InterfaceLabel(string name) => $"interface={name}";
}
