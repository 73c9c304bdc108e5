using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sotp.Core;
using Sotp.Core.Audit;
using Sotp.Core.Users;
using Sotp.Storage.Migrations;

namespace Sotp.Cli.Commands;

/// <summary><c>sotp user create|reset-password</c>: generated passwords, shown once, to be changed at first login.</summary>
public static class UserCommands
{
    public static Command Create()
    {
        var command = new Command("user", "Create users and reset passwords.");
        command.Subcommands.Add(CreateUser());
        command.Subcommands.Add(ResetPassword());
        return command;
    }

    private static Command CreateUser()
    {
        var username = new Argument<string>("username") { Description = "Login name." };
        var role = new Option<string>("--role")
        {
            Description = $"One of {string.Join(", ", EnumText.Names<Role>())}.",
            Required = true,
        };
        role.Validators.Add(result =>
        {
            if (!EnumText.TryParse<Role>(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--role must be one of {string.Join(", ", EnumText.Names<Role>())}.");
            }
        });

        var command = new Command("create", "Create a user with a generated password.") { username, role };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<Migrator>().MigrateAsync(null, cancellationToken);
            var (user, password) = await services.GetRequiredService<UserAccounts>()
                .CreateAsync(parse.GetValue(username)!, EnumText.Parse<Role>(parse.GetValue(role)!), AuditActor.Cli, cancellationToken);
            Console.WriteLine($"Created {user.Role.ToText()} user '{user.Username}'.");
            Console.WriteLine($"password: {password}");
            Console.WriteLine("Shown once; the user must change it at first login.");
            return 0;
        }));
        return command;
    }

    private static Command ResetPassword()
    {
        var username = new Argument<string>("username") { Description = "Login name." };
        var command = new Command("reset-password", "Replace a user's password with a generated one.") { username };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<Migrator>().MigrateAsync(null, cancellationToken);
            var password = await services.GetRequiredService<UserAccounts>().ResetPasswordAsync(parse.GetValue(username)!, AuditActor.Cli, cancellationToken);
            Console.WriteLine($"New password for '{parse.GetValue(username)}'.");
            Console.WriteLine($"password: {password}");
            Console.WriteLine("Shown once; the user must change it at next login.");
            return 0;
        }));
        return command;
    }
}
