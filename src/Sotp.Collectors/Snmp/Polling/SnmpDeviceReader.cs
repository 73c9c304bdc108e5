using Sotp.Core.Snmp;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>
/// Reads what we poll from one agent: the system group, the interfaces, CPU and memory, LLDP neighbours, each part on
/// its own. A part the agent does not implement comes back empty; a part that times out or fails (an
/// <see cref="SnmpException"/>) comes back empty (LLDP: null) and named in <see cref="SnmpReading.Failures"/>, so one
/// slow table does not cost the others and a half-read part never writes zeros. Only the system group is fatal: when it
/// fails, nothing answered and this throws.
/// </summary>
public sealed class SnmpDeviceReader(SnmpClient client)
{
    public async Task<SnmpReading> ReadAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        var system = await client.GetAsync(target, [Mib.SysDescr, Mib.SysObjectId, Mib.SysUpTime, Mib.SysName], cancellationToken);
        SnmpValue? Sys(Oid oid) => system.FirstOrDefault(bind => bind.Oid == oid)?.Value;
        var failures = new List<SnmpPartFailure>();
        var interfaces = await PartAsync(SnmpParts.Interfaces, failures, async () => InterfaceTable.Parse(await WalkAllAsync(target, Mib.InterfaceColumns, cancellationToken)))
            ?? [];
        var (cpu, load) = await PartAsync(SnmpParts.Cpu, failures, async () =>
        {
            var cpu = HostResources.CpuPercent(await OptionalAsync(() => client.WalkAsync(target, Mib.HrProcessorLoad, cancellationToken)));
            var load = cpu is null ? HostResources.UcdLoad(First(await OptionalAsync(() => client.GetAsync(target, [Mib.UcdLoad1], cancellationToken)))) : null;
            return (cpu, load);
        });
        var memory = await PartAsync(SnmpParts.Memory, failures, async () =>
            HostResources.MemoryUsedPercent(await OptionalAsync(() => WalkAllAsync(target, Mib.StorageColumns, cancellationToken)))
            ?? HostResources.UcdMemoryUsedPercent(await OptionalAsync(() => client.GetAsync(target, [Mib.UcdMemTotalReal, Mib.UcdMemAvailReal], cancellationToken))));
        var lldp = await PartAsync(SnmpParts.Lldp, failures, async () =>
            LldpTable.Parse(await OptionalAsync(() => WalkAllAsync(target, Mib.LldpColumns, cancellationToken)),
                First(await OptionalAsync(() => client.GetAsync(target, [Mib.LldpLocChassisId], cancellationToken)))));
        return new SnmpReading(new SnmpSystem(Text(Sys(Mib.SysDescr)), ObjectId(Sys(Mib.SysObjectId)), Text(Sys(Mib.SysName)), Ticks(Sys(Mib.SysUpTime))),
            interfaces, cpu, memory, load, failures, lldp);
    }

    private static SnmpValue? First(IReadOnlyList<VarBind> binds) => binds.Count > 0 ? binds[0].Value : null;

    /// <summary>One part of the poll; its failure is noted and gives the default (no value), cancellation still ends the poll.</summary>
    private static async Task<T?> PartAsync<T>(string part, List<SnmpPartFailure> failures, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (SnmpException ex)
        {
            failures.Add(new SnmpPartFailure(part, ex.Message));
            return default;
        }
    }

    private async Task<IReadOnlyList<VarBind>> WalkAllAsync(SnmpTarget target, IEnumerable<Oid> columns, CancellationToken cancellationToken)
    {
        var binds = new List<VarBind>();
        foreach (var column in columns)
        {
            binds.AddRange(await client.WalkAsync(target, column, cancellationToken));
        }

        return binds;
    }

    /// <summary>
    /// A part some agents lack: SNMPv1 answers a get of a missing object with noSuchName (v2c with a noSuchObject
    /// value, which the parsers skip).
    /// </summary>
    private static async Task<IReadOnlyList<VarBind>> OptionalAsync(Func<Task<IReadOnlyList<VarBind>>> read)
    {
        try
        {
            return await read();
        }
        catch (SnmpErrorStatusException)
        {
            return [];
        }
    }
}
