using Microsoft.Extensions.Options;
using Sotp.Core.Secrets;
using Sotp.Storage;

namespace Sotp.Server.Hosting;

/// <summary>
/// Checks the settings before the host is built and reaches the store before it starts, so the usual
/// mistakes (a wrong setting, an unreachable database, an unwritable folder) end in one line each from
/// <see cref="StartupFailure"/> instead of a host error log with a stack trace.
/// </summary>
internal static class StartupPreflight
{
    /// <summary>Binds and validates every options section, reporting all failures at once.</summary>
    public static void ValidateConfiguration(IConfiguration configuration)
    {
        var failures = new List<string>();
        Check(configuration, StoreOptions.SectionName, new StoreOptionsValidator(), failures);
        Check(configuration, ServerOptions.SectionName, new ServerOptionsValidator(), failures);
        Check(configuration, TelemetryOptions.SectionName, new TelemetryOptionsValidator(), failures);
        Check(configuration, Monitoring.IcmpOptions.SectionName, new Monitoring.IcmpOptionsValidator(), failures);
        Check(configuration, Snmp.SnmpOptions.SectionName, new Snmp.SnmpOptionsValidator(), failures);
        Check(configuration, Core.Series.SeriesRetention.SectionName, new Storage.Series.SeriesRetentionValidator(), failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("Sotp", typeof(SotpServer), failures);
        }
    }

    public static async Task ReachStoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var connection = await services.GetRequiredService<Store>().OpenAsync(cancellationToken);
        // Loads (or on first start creates) the master key, so a bad key is reported now, not at the first login.
        _ = services.GetRequiredService<SecretCipher>();
    }

    private static void Check<T>(IConfiguration configuration, string section, IValidateOptions<T> validator, List<string> failures)
        where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // "Failed to convert configuration value 'abc' at 'Server:MaxRequestBodyBytes' to type 'System.Int64'."
            failures.Add(ex.Message);
            return;
        }

        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            failures.AddRange(result.Failures);
        }
    }
}
