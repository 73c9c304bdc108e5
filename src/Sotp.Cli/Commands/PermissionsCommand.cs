using System.CommandLine;
using Sotp.Core.Auth;

namespace Sotp.Cli.Commands;

public static class PermissionsCommand
{
    public static Command Create()
    {
        var command = new Command("permissions", "Print the permission matrix (Markdown), as in docs/permissions.md.");
        command.SetAction(_ => Console.Write(PermissionMatrix.RenderMarkdown()));
        return command;
    }
}
