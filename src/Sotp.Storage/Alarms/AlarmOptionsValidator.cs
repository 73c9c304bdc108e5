using Microsoft.Extensions.Options;
using Sotp.Core.Alarms;

namespace Sotp.Storage.Alarms;

public sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
