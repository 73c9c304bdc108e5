using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sotp.Core.Errors;
using Sotp.Server;
using Sotp.Storage;
using Sotp.Storage.Backup;

namespace Sotp.Cli;

/// <summary>
/// The services a command needs, configured like the server (appsettings.json beside the binary, then
/// SOTP__ environment variables, then this command line), and one place that turns failures into a message.
/// </summary>
public static class CliHost
{
    public const int Failure = 1;

    public static ServiceProvider BuildServices(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(GlobalOptions.DataDirectory) is { } dataDirectory)
        {
            overrides["Storage:DataDirectory"] = dataDirectory;
        }

        if (parse.GetValue(GlobalOptions.Postgres) is { } connectionString)
        {
            overrides["Storage:Provider"] = nameof(StoreProvider.Postgres);
            overrides["Storage:ConnectionString"] = connectionString;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(SotpServer.EnvironmentPrefix)
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        // Commands report through the console themselves; library log lines would only repeat them.
        services.AddLogging();
        services.AddSotpStorage(configuration);
        var provider = services.BuildServiceProvider();
        // Validate now, so a wrong setting is reported before any work starts.
        _ = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
        return provider;
    }

    /// <summary>Runs a command body; expected failures print one line on stderr and return a non-zero exit code.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> body)
    {
        try
        {
            await using var services = BuildServices(parse);
            return await body(services);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"sotp: configuration error: {failure}");
            }

            return Failure;
        }
        catch (Exception ex) when (ex is DomainException or BackupException)
        {
            await Console.Error.WriteLineAsync($"sotp: {ex.Message}");
            return Failure;
        }
        catch (System.Data.Common.DbException ex)
        {
            await Console.Error.WriteLineAsync($"sotp: store error: {ex.Message.Split('\n')[0]}");
            return Failure;
        }
    }
}
