using System.Collections.Frozen;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sotp.Collectors.Snmp;
using Sotp.Collectors.Snmp.Traps;
using Sotp.Core.Devices;
using CoreVersion = Sotp.Core.Devices.SnmpVersion;

namespace Sotp.Server.Snmp.Traps;

/// <summary>
/// Which enabled devices may send traps from which IP address, whether a community is theirs, and which v3 users
/// they may send as. The map is rebuilt from the inventory (see <see cref="SnmpTrapReceiver"/>); communities and keys
/// are read from the vault once per device version and rebuild, and kept in memory only. Devices named by a host name cannot be matched and are left out.
/// </summary>
public sealed class TrapSenders(SnmpCredentialResolver credentials, IOptions<SnmpOptions> options)
{
    private readonly Lock _lock = new();
    private FrozenDictionary<IPAddress, Device[]> _byAddress = FrozenDictionary<IPAddress, Device[]>.Empty;
    private Dictionary<long, (long Version, byte[]? Community)> _communities = [];
    private Dictionary<long, (long Version, TrapUser User)> _deviceUsers = [];
    private IReadOnlyList<TrapUser>? _configuredUsers;

    /// <summary>The <see cref="InventoryChanges.Version"/> the map was last built at, for tests waiting for a change to arrive.</summary>
    public long BuiltAt { get; private set; } = -1;

    public void Rebuild(IEnumerable<Device> devices, long inventoryVersion)
    {
        var map = new Dictionary<IPAddress, List<Device>>();
        foreach (var device in devices.Where(d => d.Enabled))
        {
            if (IPAddress.TryParse(DeviceAddress.HostOf(device.Address), out var address))
            {
                var key = Normalize(address);
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }

                list.Add(device);
            }
        }

        lock (_lock)
        {
            _byAddress = map.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToArray());
            // Read again after every rebuild: a community secret replaced in the vault leaves the device's version as it was.
            _communities = [];
            _deviceUsers = [];
            _configuredUsers = null;
            BuiltAt = inventoryVersion;
        }
    }

    /// <summary>The enabled devices at this address (several devices may share one, e.g. behind NAT).</summary>
    public IReadOnlyList<Device> At(IPAddress address) =>
        _byAddress.TryGetValue(Normalize(address), out var found) ? found : [];

    /// <summary>True when the community is this v1/v2c device's; a device without such credentials accepts none.</summary>
    /// <exception cref="SnmpCredentialsException">Its community secret cannot be read.</exception>
    public async Task<bool> AcceptsAsync(Device device, byte[] community, CancellationToken cancellationToken)
    {
        if (device.Credentials.SnmpVersion is not (CoreVersion.V1 or CoreVersion.V2c))
        {
            return false;
        }

        byte[]? known;
        lock (_lock)
        {
            known = _communities.TryGetValue(device.Id, out var cached) && cached.Version == device.Version ? cached.Community : null;
        }

        if (known is null)
        {
            var resolved = (CommunityCredentials)await credentials.ResolveAsync(device.Credentials, cancellationToken);
            known = Encoding.UTF8.GetBytes(resolved.Community);
            lock (_lock)
            {
                _communities[device.Id] = (device.Version, known);
            }
        }

        return CryptographicOperations.FixedTimeEquals(known, community);
    }

    /// <summary>The v3 users this device may send notifications as: its own polling user, if v3, and every <c>Snmp:TrapUsers</c> entry.</summary>
    /// <exception cref="SnmpCredentialsException">A secret of the device's or a configured user cannot be read.</exception>
    public async Task<IReadOnlyList<TrapUser>> UsersAsync(Device device, CancellationToken cancellationToken)
    {
        IReadOnlyList<TrapUser>? configured;
        TrapUser? own = null;
        lock (_lock)
        {
            configured = _configuredUsers;
            if (_deviceUsers.TryGetValue(device.Id, out var cached) && cached.Version == device.Version)
            {
                own = cached.User;
            }
        }

        if (configured is null)
        {
            var users = new List<TrapUser>();
            foreach (var entry in options.Value.TrapUsers)
            {
                var resolved = (UsmCredentials)await credentials.ResolveAsync(entry.ToCredentials(), cancellationToken);
                users.Add(new TrapUser(resolved, SnmpTrapUserOptions.ParseEngineId(entry.EngineId)));
            }

            configured = users;
            lock (_lock)
            {
                _configuredUsers = users;
            }
        }

        if (own is null && device.Credentials.SnmpVersion == CoreVersion.V3)
        {
            own = new TrapUser((UsmCredentials)await credentials.ResolveAsync(device.Credentials, cancellationToken));
            lock (_lock)
            {
                _deviceUsers[device.Id] = (device.Version, own);
            }
        }

        return own is null ? configured : [own, .. configured];
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
