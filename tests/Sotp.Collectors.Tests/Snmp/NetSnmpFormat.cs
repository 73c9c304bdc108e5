using System.Globalization;
using System.Text.RegularExpressions;
using Sotp.Collectors.Snmp;

namespace Sotp.Collectors.Tests.Snmp;

/// <summary>
/// Reads what snmpget/snmpbulkwalk print with -On -Oe -Ox and writes our values the same way, so both can be
/// compared line by line. Whitespace is dropped from values because net-snmp wraps long hex strings.
/// </summary>
internal static partial class NetSnmpFormat
{
    public static readonly string[] Options = ["-On", "-Oe", "-Ox"];

    public static List<(string Oid, string Value)> Parse(string output)
    {
        var lines = new List<(string, string)>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith('.'))
            {
                var at = line.IndexOf(" = ", StringComparison.Ordinal);
                lines.Add((line[1..at], line[(at + 3)..]));
            }
            else if (line.Length > 0 && lines.Count > 0)
            {
                lines[^1] = (lines[^1].Item1, lines[^1].Item2 + line); // A wrapped hex string continues here.
            }
        }

        return lines.Select(entry => (entry.Item1, Normalise(entry.Item2))).ToList();
    }

    public static string Format(SnmpValue value) => Normalise(value.Type switch
    {
        SnmpType.Integer32 => $"INTEGER: {value.AsInt64()}",
        SnmpType.OctetString when value.AsBytes().Length == 0 => "\"\"",
        SnmpType.OctetString => $"Hex-STRING: {Convert.ToHexString(value.AsBytes())}",
        SnmpType.ObjectIdentifier => $"OID: .{value.AsOid()}",
        SnmpType.IpAddress => $"IpAddress: {value.AsIpAddress()}",
        SnmpType.Counter32 => $"Counter32: {value.AsUInt64()}",
        SnmpType.Gauge32 => $"Gauge32: {value.AsUInt64()}",
        SnmpType.Counter64 => $"Counter64: {value.AsUInt64()}",
        SnmpType.TimeTicks => $"Timeticks: ({value.AsUInt64()})",
        SnmpType.NoSuchObject => "No Such Object available on this agent at this OID",
        SnmpType.NoSuchInstance => "No Such Instance currently exists at this OID",
        _ => value.ToString(),
    });

    /// <summary>
    /// Same OIDs in the same order and the same values; counters and clocks may only have grown, since ours were read
    /// first and the agent keeps counting (our own packets cross lo).
    /// </summary>
    public static void AssertSame(IReadOnlyList<(string Oid, string Value)> theirs, IReadOnlyList<VarBind> ours)
    {
        Assert.Equal(theirs.Select(entry => entry.Oid), ours.Select(bind => bind.Oid.ToString()));
        for (var i = 0; i < ours.Count; i++)
        {
            var mine = Format(ours[i].Value);
            var match = Growing().Match(theirs[i].Value);
            if (match.Success && mine.StartsWith(match.Groups["type"].Value, StringComparison.Ordinal))
            {
                var theirNumber = ulong.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
                Assert.True(ours[i].Value.AsUInt64() <= theirNumber, $"{ours[i].Oid}: ours {mine} is ahead of net-snmp's {theirs[i].Value}");
            }
            else
            {
                Assert.True(theirs[i].Value == mine, $"{ours[i].Oid}: net-snmp {theirs[i].Value}, ours {mine}");
            }
        }
    }

    private static string Normalise(string value)
    {
        // "Timeticks: (95536) 0:15:55.36" keeps the raw number only.
        var close = value.StartsWith("Timeticks:", StringComparison.Ordinal) ? value.IndexOf(')', StringComparison.Ordinal) : -1;
        var kept = close > 0 ? value[..(close + 1)] : value;
        return string.Concat(kept.Where(c => !char.IsWhiteSpace(c)));
    }

    [GeneratedRegex(@"^(?<type>Counter32:|Counter64:|Timeticks:)\(?(?<number>\d+)\)?$")]
    private static partial Regex Growing();
}
