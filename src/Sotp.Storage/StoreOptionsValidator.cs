using Microsoft.Extensions.Options;
using Npgsql;

namespace Sotp.Storage;

/// <summary>Reports every wrong storage setting at once, each message naming the setting.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = new List<string>();
        if (!Enum.TryParse<StoreProvider>(options.Provider, ignoreCase: true, out var provider) ||
            int.TryParse(options.Provider, out _))
        {
            errors.Add($"Storage:Provider '{options.Provider}' is not a known store; use Sqlite or Postgres.");
        }
        else if (provider == StoreProvider.Postgres)
        {
            ValidatePostgres(options.ConnectionString, errors);
        }
        else if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Storage:DataDirectory is empty; give a folder for the SQLite file (default ./data).");
        }

        if (options.ConnectTimeoutSeconds is < 1 or > 300)
        {
            errors.Add($"Storage:ConnectTimeoutSeconds {options.ConnectTimeoutSeconds} is outside 1..300.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePostgres(string? connectionString, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add("Storage:ConnectionString is required when Storage:Provider is Postgres.");
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                errors.Add("Storage:ConnectionString names no Host.");
            }
        }
        catch (ArgumentException ex)
        {
            errors.Add($"Storage:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
