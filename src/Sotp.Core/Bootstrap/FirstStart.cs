using Sotp.Core.Audit;
using Sotp.Core.Devices;
using Sotp.Core.Users;

namespace Sotp.Core.Bootstrap;

/// <summary>
/// Makes an empty store usable: one MASTER account with a random password and a demo site that
/// monitors this machine, so a new user sees something real within seconds of the first start.
/// </summary>
public sealed class FirstStart(IFirstStartStore store, IAuditLog audit)
{
    public const string AdminUsername = "admin";

    /// <summary>The generated password, to be shown once, or null when the store was not empty.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        // Every start but the first ends here, without spending an Argon2 hash on a password nobody will see.
        if (await store.HasUsersAsync(cancellationToken))
        {
            return null;
        }

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

        if (!await store.SeedIfEmptyAsync(seed, cancellationToken))
        {
            return null;
        }

        await audit.AppendAsync(new AuditEntry(AuditActor.System, AuditActions.FirstStartSeeded,
            Detail: $"administrator '{AdminUsername}' and demo site '{seed.DemoSiteName}' created"), cancellationToken);
        return password;
    }
}
