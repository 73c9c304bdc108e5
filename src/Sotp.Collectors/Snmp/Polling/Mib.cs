namespace Sotp.Collectors.Snmp.Polling;

/// <summary>The objects the poller reads: MIB-2 system, IF-MIB, HOST-RESOURCES-MIB and net-snmp's UCD-SNMP-MIB.</summary>
public static class Mib
{
    public static readonly Oid SysDescr = Oid.Parse("1.3.6.1.2.1.1.1.0");
    public static readonly Oid SysObjectId = Oid.Parse("1.3.6.1.2.1.1.2.0");
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly Oid SysName = Oid.Parse("1.3.6.1.2.1.1.5.0");

    public static readonly Oid IfEntry = Oid.Parse("1.3.6.1.2.1.2.2.1");
    public static readonly Oid IfIndex = IfEntry.Append(1);
    public static readonly Oid IfDescr = IfEntry.Append(2);
    public static readonly Oid IfSpeed = IfEntry.Append(5);
    public static readonly Oid IfAdminStatus = IfEntry.Append(7);
    public static readonly Oid IfOperStatus = IfEntry.Append(8);
    public static readonly Oid IfInOctets = IfEntry.Append(10);
    public static readonly Oid IfInDiscards = IfEntry.Append(13);
    public static readonly Oid IfInErrors = IfEntry.Append(14);
    public static readonly Oid IfOutOctets = IfEntry.Append(16);
    public static readonly Oid IfOutDiscards = IfEntry.Append(19);
    public static readonly Oid IfOutErrors = IfEntry.Append(20);

    public static readonly Oid IfXEntry = Oid.Parse("1.3.6.1.2.1.31.1.1.1");
    public static readonly Oid IfName = IfXEntry.Append(1);
    public static readonly Oid IfHcInOctets = IfXEntry.Append(6);
    public static readonly Oid IfHcOutOctets = IfXEntry.Append(10);
    public static readonly Oid IfHighSpeed = IfXEntry.Append(15);
    public static readonly Oid IfAlias = IfXEntry.Append(18);

    public static readonly Oid HrProcessorLoad = Oid.Parse("1.3.6.1.2.1.25.3.3.1.2");
    public static readonly Oid HrStorageType = Oid.Parse("1.3.6.1.2.1.25.2.3.1.2");
    public static readonly Oid HrStorageSize = Oid.Parse("1.3.6.1.2.1.25.2.3.1.5");
    public static readonly Oid HrStorageUsed = Oid.Parse("1.3.6.1.2.1.25.2.3.1.6");
    public static readonly Oid HrStorageRam = Oid.Parse("1.3.6.1.2.1.25.2.1.2");

    public static readonly Oid UcdLoad1 = Oid.Parse("1.3.6.1.4.1.2021.10.1.3.1");
    public static readonly Oid UcdMemTotalReal = Oid.Parse("1.3.6.1.4.1.2021.4.5.0");
    public static readonly Oid UcdMemAvailReal = Oid.Parse("1.3.6.1.4.1.2021.4.6.0");

    // LLDP-MIB (IEEE 802.1AB): our chassis id, our ports, and what the neighbours announced on them.
    public static readonly Oid LldpLocChassisId = Oid.Parse("1.0.8802.1.1.2.1.3.2.0");
    public static readonly Oid LldpLocPortEntry = Oid.Parse("1.0.8802.1.1.2.1.3.7.1");
    public static readonly Oid LldpLocPortId = LldpLocPortEntry.Append(3);
    public static readonly Oid LldpLocPortDesc = LldpLocPortEntry.Append(4);
    public static readonly Oid LldpRemEntry = Oid.Parse("1.0.8802.1.1.2.1.4.1.1");
    public static readonly Oid LldpRemChassisId = LldpRemEntry.Append(5);
    public static readonly Oid LldpRemPortId = LldpRemEntry.Append(7);
    public static readonly Oid LldpRemSysName = LldpRemEntry.Append(9);
    public static readonly Oid LldpRemManAddrIfSubtype = Oid.Parse("1.0.8802.1.1.2.1.4.2.1.3");

    /// <summary>The LLDP columns a topology reading needs, walked one by one.</summary>
    public static readonly Oid[] LldpColumns = [LldpLocPortId, LldpLocPortDesc, LldpRemChassisId, LldpRemPortId, LldpRemSysName, LldpRemManAddrIfSubtype];

    /// <summary>The ifTable and ifXTable columns an interface reading needs, walked one by one.</summary>
    public static readonly Oid[] InterfaceColumns =
    [
        IfDescr, IfSpeed, IfAdminStatus, IfOperStatus, IfInOctets, IfInDiscards, IfInErrors, IfOutOctets, IfOutDiscards, IfOutErrors,
        IfName, IfHcInOctets, IfHcOutOctets, IfHighSpeed, IfAlias,
    ];

    public static readonly Oid[] StorageColumns = [HrStorageType, HrStorageSize, HrStorageUsed];
}
