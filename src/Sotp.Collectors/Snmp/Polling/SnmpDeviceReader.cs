using Sotp.Core.Snmp;
using static Sotp.Collectors.Snmp.Polling.SnmpValues;

namespace Sotp.Collectors.Snmp.Polling;

/// <summary>
/// Reads what we poll from one agent: the system group, the interfaces, CPU and memory, LLDP neighbours. A part the agent does not
/// implement comes back empty; a timeout or an error anywhere throws (an <see cref="SnmpException"/>), so a poll is
/// stored whole or not at all and a half-answered poll never writes zeros.
/// </summary>
public sealed class SnmpDeviceReader(SnmpClient client)
{
    public async Task<SnmpReading> ReadAsync(SnmpTarget target, CancellationToken cancellationToken)
    {
        var system = await client.GetAsync(target, [Mib.SysDescr, Mib.SysObjectId, Mib.SysUpTime, Mib.SysName], cancellationToken);
        SnmpValue? Sys(Oid oid) => system.FirstOrDefault(bind => bind.Oid == oid)?.Value;
        var interfaces = InterfaceTable.Parse(await WalkAllAsync(target, Mib.InterfaceColumns, cancellationToken));
        var cpu = HostResources.CpuPercent(await OptionalAsync(() => client.WalkAsync(target, Mib.HrProcessorLoad, cancellationToken)));
        var load = cpu is null ? HostResources.UcdLoad(First(await OptionalAsync(() => client.GetAsync(target, [Mib.UcdLoad1], cancellationToken)))) : null;
        var memory = HostResources.MemoryUsedPercent(await OptionalAsync(() => WalkAllAsync(target, Mib.StorageColumns, cancellationToken)))
            ?? HostResources.UcdMemoryUsedPercent(await OptionalAsync(() => client.GetAsync(target, [Mib.UcdMemTotalReal, Mib.UcdMemAvailReal], cancellationToken)));
        var lldp = LldpTable.Parse(await OptionalAsync(() => WalkAllAsync(target, Mib.LldpColumns, cancellationToken)),
            First(await OptionalAsync(() => client.GetAsync(target, [Mib.LldpLocChassisId], cancellationToken))));
        return new SnmpReading(new SnmpSystem(Text(Sys(Mib.SysDescr)), ObjectId(Sys(Mib.SysObjectId)), Text(Sys(Mib.SysName)), Ticks(Sys(Mib.SysUpTime))),
            interfaces, cpu, memory, load, lldp);
    }

    private static SnmpValue? First(IReadOnlyList<VarBind> binds) => binds.Count > 0 ? binds[0].Value : null;

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
    /// value, which the parsers skip). Timeouts still fail the poll.
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
