using Dapper;

namespace Sotp.Storage.Inventory;

internal static class DapperExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
