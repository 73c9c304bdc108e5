using System.CommandLine;
using Sotp.Server.Hosting;

namespace Sotp.Cli.Commands;

public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the SOTP version.");
        command.SetAction(_ => Console.WriteLine($"sotp {SotpVersion.Current} (.NET {Environment.Version})"));
        return command;
    }
}
