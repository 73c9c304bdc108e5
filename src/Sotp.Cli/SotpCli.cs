using System.CommandLine;
using Sotp.Cli.Commands;

namespace Sotp.Cli;

public static class SotpCli
{
    public static async Task<int> Main(string[] args) => await BuildRoot().Parse(args).InvokeAsync();

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SOTP administration: run the server, migrate the store, manage users, back up and restore.");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(UserCommands.Create());
        root.Subcommands.Add(BackupCommands.CreateBackup());
        root.Subcommands.Add(BackupCommands.CreateRestore());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(SecretsCommands.Create());
        root.Subcommands.Add(PermissionsCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }
}
