using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core.Audit;
using Sotp.Storage.Migrations;

namespace Sotp.Cli.Commands;

/// <summary><c>sotp audit verify</c>: re-computes the audit log's hash chain.</summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the audit log's hash chain; exits 1 and names the first broken row if it was tampered with.");
        verify.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<Migrator>().MigrateAsync(null, cancellationToken);
            var result = await services.GetRequiredService<IAuditLog>().VerifyAsync(cancellationToken);
            if (result.Intact)
            {
                Console.WriteLine($"Audit log intact: {result.RowsChecked} rows checked.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"sotp: audit log broken at row {result.FirstBrokenId}: {result.Reason}.");
            return CliHost.Failure;
        }));

        var command = new Command("audit", "Audit log tools.");
        command.Subcommands.Add(verify);
        return command;
    }
}
