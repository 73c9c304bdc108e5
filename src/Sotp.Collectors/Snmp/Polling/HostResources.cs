using System.Globalization;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>CPU and memory from HOST-RESOURCES-MIB, with UCD-SNMP-MIB's values as the fallback. Pure: varbinds in, numbers out.</summary>
public static class HostResources
{
    /// <summary>The average hrProcessorLoad over the processors that report one (0-100); null when none does.</summary>
    public static double? CpuPercent(IReadOnlyList<VarBind> processorLoads)
    {
        var loads = Column(processorLoads, Mib.HrProcessorLoad).Values.Select(Number).Where(load => load is >= 0 and <= 100).ToList();
        return loads.Count == 0 ? null : loads.Average(load => load!.Value);
    }

    /// <summary>Used share of the hrStorageRam rows (units cancel out); null when there is none or it makes no sense.</summary>
    public static double? MemoryUsedPercent(IReadOnlyList<VarBind> storage)
    {
        var types = Column(storage, Mib.HrStorageType);
        var sizes = Column(storage, Mib.HrStorageSize);
        var used = Column(storage, Mib.HrStorageUsed);
        long totalSize = 0, totalUsed = 0;
        foreach (var (index, type) in types)
        {
            if (ObjectId(type) == Mib.HrStorageRam.ToString() && Number(sizes.GetValueOrDefault(index)) is > 0 and var size &&
                Number(used.GetValueOrDefault(index)) is >= 0 and var inUse && inUse <= size)
            {
                totalSize += size;
                totalUsed += inUse;
            }
        }

        return totalSize == 0 ? null : 100.0 * totalUsed / totalSize;
    }

    /// <summary>UCD memTotalReal and memAvailReal (kB): the used share; null when either is missing or they contradict.</summary>
    public static double? UcdMemoryUsedPercent(IReadOnlyList<VarBind> totalAndAvailable)
    {
        var total = Number(totalAndAvailable.FirstOrDefault(bind => bind.Oid == Mib.UcdMemTotalReal)?.Value);
        var available = Number(totalAndAvailable.FirstOrDefault(bind => bind.Oid == Mib.UcdMemAvailReal)?.Value);
        return total is > 0 && available is >= 0 && available <= total ? 100.0 * (total.Value - available.Value) / total.Value : null;
    }

    /// <summary>UCD laLoad.1, which agents send as text ("0.42").</summary>
    public static double? UcdLoad(SnmpValue? load) =>
        double.TryParse(Text(load), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : null;
}
