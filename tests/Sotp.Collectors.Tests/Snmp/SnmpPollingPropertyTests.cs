using CsCheck;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Polling;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>Whatever an agent sends under the polled columns, the parsers give values or nulls, never an exception or a wrong type.</summary>
public class SnmpPollingPropertyTests
{
    /// <summary>Varbinds under the polled columns with any index and any value type (exceptions included).</summary>
    private static readonly Gen<VarBind[]> Binds =
        Gen.Select(Gen.OneOfConst([.. Mib.InterfaceColumns, .. Mib.StorageColumns, Mib.HrProcessorLoad]), Gen.UInt.Array[0, 3], SnmpGen.Value,
            (column, index, value) => new VarBind(column.Append(index), value)).Array[0, 60];

    [Fact]
    public void AnyInterfaceColumns_ParseWithoutThrowing_AndKeepOnlyWellTypedValues() =>
        Binds.Sample(binds =>
        {
            foreach (var row in InterfaceTable.Parse(binds))
            {
                Assert.True(row.InOctets is null or { Bits: 32 or 64 });
                Assert.True(row.InErrors is null or { Bits: 32 or 64 });
                Assert.True(row.SpeedBps is null or > 0);
            }
        });

    [Fact]
    public void AnyHostResources_GiveAPercentageOrNothing() =>
        Binds.Sample(binds =>
        {
            Assert.True(HostResources.CpuPercent(binds) is null or (>= 0 and <= 100));
            Assert.True(HostResources.MemoryUsedPercent(binds) is null or (>= 0 and <= 100));
        });

    [Theory]
    [InlineData("0.42", 0.42)]
    [InlineData("12", 12.0)]
    [InlineData("NaN", null)]
    [InlineData("-1", null)]
    [InlineData("", null)]
    public void TheUcdLoad_IsReadFromItsText(string text, double? expected) =>
        Assert.Equal(expected, HostResources.UcdLoad(SnmpValue.OctetString(text)));
}
