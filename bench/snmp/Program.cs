using System.Diagnostics;
using System.Globalization;
using System.Net;
using Sotp.Collectors.Snmp;

// Walks one subtree of one agent again and again, one walk after the other, as snmpbulkwalk in a loop does; the
// first walk (engine discovery, key localisation, JIT) is timed apart from the rest, which show the engine warm.
// Usage: Sotp.Bench.Snmp <host:port> <walks> <root-oid> <max-repetitions> v2c <community>
//        Sotp.Bench.Snmp <host:port> <walks> <root-oid> <max-repetitions> v3 <user> <SHA|SHA-256|…> <auth-pass> <AES|AES-256|…> <priv-pass>
// Prints "first varbinds <n> wall-s <x>" and "walks <n> varbinds <n> wall-s <x> cpu-s <x>".
//        Sotp.Bench.Snmp many <endpoints-file> <root-oid> <max-repetitions> <community> <concurrency>
// walks the subtree once on every agent of the file (one host:port a line), that many at once, as the poller does.
if (args.Length == 6 && args[0] == "many")
{
    return await ManyAgents.RunAsync(args);
}

if (args.Length is not (6 or 10) || (args[4] == "v3") != (args.Length == 10))
{
    Console.Error.WriteLine("usage: Sotp.Bench.Snmp <host:port> <walks> <root-oid> <max-repetitions> v2c <community> | v3 <user> <auth> <auth-pass> <priv> <priv-pass>");
    return 2;
}

SnmpCredentials credentials = args[4] == "v3"
    ? new UsmCredentials(args[5], Auth(args[6]), args[7], Privacy(args[8]), args[9])
    : new CommunityCredentials(args[5]);
var target = new SnmpTarget(IPEndPoint.Parse(args[0]), credentials) { MaxRepetitions = int.Parse(args[3], CultureInfo.InvariantCulture) };
var walks = int.Parse(args[1], CultureInfo.InvariantCulture);
var root = Oid.Parse(args[2]);
using var client = new SnmpClient();
var process = Process.GetCurrentProcess();

var first = Stopwatch.GetTimestamp();
var firstWalk = await client.WalkAsync(target, root);
Console.WriteLine(FormattableString.Invariant($"first varbinds {firstWalk.Count} wall-s {Stopwatch.GetElapsedTime(first).TotalSeconds:0.000}"));

process.Refresh();
var cpuBefore = process.TotalProcessorTime;
var started = Stopwatch.GetTimestamp();
var varbinds = 0;
for (var i = 0; i < walks; i++)
{
    varbinds += (await client.WalkAsync(target, root)).Count;
}

var wall = Stopwatch.GetElapsedTime(started);
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
Console.WriteLine(FormattableString.Invariant($"walks {walks} varbinds {varbinds} wall-s {wall.TotalSeconds:0.000} cpu-s {cpu.TotalSeconds:0.000}"));
return 0;

static SnmpAuthProtocol Auth(string name) => name.ToUpperInvariant() switch
{
    "MD5" => SnmpAuthProtocol.Md5,
    "SHA" => SnmpAuthProtocol.Sha1,
    "SHA-224" => SnmpAuthProtocol.Sha224,
    "SHA-256" => SnmpAuthProtocol.Sha256,
    "SHA-384" => SnmpAuthProtocol.Sha384,
    "SHA-512" => SnmpAuthProtocol.Sha512,
    _ => throw new ArgumentException($"Unknown authentication protocol {name}."),
};

static SnmpPrivProtocol Privacy(string name) => name.ToUpperInvariant() switch
{
    "DES" => SnmpPrivProtocol.Des,
    "AES" => SnmpPrivProtocol.Aes128,
    "AES-192" => SnmpPrivProtocol.Aes192,
    "AES-256" => SnmpPrivProtocol.Aes256,
    _ => throw new ArgumentException($"Unknown privacy protocol {name}."),
};
