
namespace Sotp.Storage.Tests;

public class StoreOptionsValidatorTests
{
    private readonly StoreOptionsValidator _validator = new();

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(_validator.Validate(null, new StoreOptions()).Succeeded);
    }

    [Fact]
    public void UnknownProvider_IsNamedWithTheChoices()
    {
        var result = _validator.Validate(null, new StoreOptions { Provider = "Oracle" });

        Assert.Equal(["Storage:Provider 'Oracle' is not a known store; use Sqlite or Postgres."], result.Failures);
    }

    [Fact]
    public void NumericProvider_IsRefused()
    {
        Assert.True(_validator.Validate(null, new StoreOptions { Provider = "1" }).Failed);
    }

    [Fact]
    public void Postgres_WithoutConnectionString_NamesTheMissingSetting()
    {
        var result = _validator.Validate(null, new StoreOptions { Provider = "postgres" });

        Assert.Contains("Storage:ConnectionString is required when Storage:Provider is Postgres.", result.Failures!);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var result = _validator.Validate(null, new StoreOptions { Provider = "Postgres", ConnectionString = "Nonsense Key=1", ConnectTimeoutSeconds = 0 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Storage:ConnectionString is not a valid", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Storage:ConnectTimeoutSeconds 0", StringComparison.Ordinal));
    }
}
