using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sotp.Storage;
using Sotp.Storage.Backup;
using Sotp.Storage.Migrations;

namespace Sotp.Cli.Commands;

/// <summary><c>sotp backup FILE</c> while the server runs; <c>sotp restore FILE --yes</c> with the server stopped.</summary>
public static class BackupCommands
{
    public static Command CreateBackup()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the snapshot; must not exist." };
        var command = new Command("backup", "Write a consistent online snapshot of the store (SQLite backup API, or pg_dump).") { file };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            var target = parse.GetValue(file)!;
            var store = services.GetRequiredService<Store>();
            await WithProgressAsync($"Backing up {store.Description}", progress =>
                services.GetRequiredService<IStoreBackup>().BackupAsync(target.FullName, progress, cancellationToken));
            Console.WriteLine($"Backup written to {target.FullName} ({new FileInfo(target.FullName).Length:N0} bytes).");
            return 0;
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A snapshot written by `sotp backup`." };
        var yes = new Option<bool>("--yes") { Description = "Confirm that the store's current content is to be replaced." };
        var command = new Command("restore", "Replace the store's content with a snapshot. Stop the server first.") { file, yes };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            var store = services.GetRequiredService<Store>();
            if (!parse.GetValue(yes))
            {
                await Console.Error.WriteLineAsync($"sotp: restore replaces everything in {store.Description}; stop the server, then run again with --yes.");
                return CliHost.Failure;
            }

            var source = parse.GetValue(file)!;
            await WithProgressAsync($"Restoring {store.Description}", progress =>
                services.GetRequiredService<IStoreBackup>().RestoreAsync(source.FullName, progress, cancellationToken));
            // A snapshot from an older version is brought up to this version's schema at once.
            var applied = await services.GetRequiredService<Migrator>().MigrateAsync(null, cancellationToken);
            Console.WriteLine($"Restored {store.Description} from {source.FullName}" +
                (applied.Count > 0 ? $" and applied {applied.Count} newer migrations." : "."));
            return 0;
        }));
        return command;
    }

    private static async Task WithProgressAsync(string title, Func<IProgress<double>, Task> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output (scripts, cron, CI): no bar, just the outcome.
            await work(new Progress<double>());
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                await work(new Progress<double>(fraction => task.Value = fraction));
                task.Value = 1.0;
            });
    }
}
