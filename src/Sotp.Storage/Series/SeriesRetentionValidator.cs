using Microsoft.Extensions.Options;
using Sotp.Core.Series;

namespace Sotp.Storage.Series;

public sealed class SeriesRetentionValidator : IValidateOptions<SeriesRetention>
{
    public ValidateOptionsResult Validate(string? name, SeriesRetention options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
