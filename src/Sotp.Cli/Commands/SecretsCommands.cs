using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Storage.Migrations;
using Sotp.Storage.Secrets;

namespace Sotp.Cli.Commands;

/// <summary><c>sotp secrets rotate-key --yes</c>: a new master key, every protected value re-encrypted in one transaction.</summary>
public static class SecretsCommands
{
    public static Command Create()
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm; stop every server of this store first." };
        var rotate = new Command("rotate-key", "Replace the master key and re-encrypt every secret and token signing key with it.") { yes };
        rotate.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            if (!parse.GetValue(yes))
            {
                await Console.Error.WriteLineAsync("sotp: rotate-key re-encrypts every secret; stop the servers of this store, then run again with --yes.");
                return CliHost.Failure;
            }

            await services.GetRequiredService<Migrator>().MigrateAsync(null, cancellationToken);
            var result = await services.GetRequiredService<MasterKeyRotation>().RotateAsync(cancellationToken);
            Console.WriteLine($"Re-encrypted {result.ValuesReencrypted} values under a new master key.");
            if (result.NewKey is not null)
            {
                // The old key came from Secrets:MasterKey, which this tool cannot change: hand the new one over once.
                Console.WriteLine($"Set Secrets:MasterKey (e.g. SOTP__Secrets__MasterKey) to: {result.NewKey}");
                Console.WriteLine("The store cannot be read with the old key any more; do this before starting a server.");
            }
            else
            {
                Console.WriteLine($"The new key is in {result.KeyFile}; back it up apart from the store's backups.");
            }

            return 0;
        }));

        var command = new Command("secrets", "Secret store tools.");
        command.Subcommands.Add(rotate);
        return command;
    }
}
