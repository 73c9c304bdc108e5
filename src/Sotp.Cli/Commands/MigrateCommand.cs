using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Storage;
using Sotp.Storage.Migrations;

namespace Sotp.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create()
    {
        var status = new Option<bool>("--status") { Description = "Only show applied and pending migrations." };
        var command = new Command("migrate", "Bring the store's schema up to this version (the server also does this at start).") { status };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            var migrator = services.GetRequiredService<Migrator>();
            var store = services.GetRequiredService<Store>();
            if (parse.GetValue(status))
            {
                var current = await migrator.GetStatusAsync(cancellationToken);
                Console.WriteLine($"{store.Description}: schema version {current.CurrentVersion}, {current.Pending.Count} pending");
                foreach (var pending in current.Pending)
                {
                    Console.WriteLine($"  pending {pending.Name}");
                }

                return 0;
            }

            var applied = await migrator.MigrateAsync(
                new Progress<MigrationScript>(script => Console.WriteLine($"  applied {script.Name}")), cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"{store.Description} is up to date (schema version {migrator.Known.Count})."
                : $"{store.Description} migrated to schema version {migrator.Known.Count} ({applied.Count} applied).");
            return 0;
        }));
        return command;
    }
}
