using Sotp.Core.Devices;
using Sotp.Core.Users;

namespace Sotp.Core.Bootstrap;

/// <summary>
/// Makes an empty store usable: one MASTER account with a random password and a demo site that
/// monitors this machine, so a new user sees something real within seconds of the first start.
/// </summary>
public sealed class FirstStart(IFirstStartStore store)
{
    public const string AdminUsername = "admin";

    /// <summary>The generated password, to be shown once, or null when the store was not empty.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        var password = PasswordGenerator.Generate();
        var seed = new FirstStartSeed(
            AdminUsername,
            PasswordHasher.Hash(password),
            Role.Master,
            DemoSiteName: "Demo site",
            DemoSiteAddress: "This machine",
            DemoDeviceName: "localhost",
            DemoDeviceKind: DeviceKind.Server,
            DemoDeviceAddress: "127.0.0.1");

        return await store.SeedIfEmptyAsync(seed, cancellationToken) ? password : null;
    }
}
