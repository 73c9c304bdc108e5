using System.CommandLine;
using Sotp.Server;

namespace Sotp.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the server (API, health, metrics, collectors). Extra arguments go to the host, e.g. --urls http://0.0.0.0:8080.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, _) =>
        {
            var hostArgs = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(GlobalOptions.DataDirectory) is { } dataDirectory)
            {
                hostArgs.Add($"--Storage:DataDirectory={dataDirectory}");
            }

            if (parse.GetValue(GlobalOptions.Postgres) is { } connectionString)
            {
                hostArgs.Add("--Storage:Provider=Postgres");
                hostArgs.Add($"--Storage:ConnectionString={connectionString}");
            }

            return await SotpServer.RunAsync([.. hostArgs]);
        });
        return command;
    }
}
