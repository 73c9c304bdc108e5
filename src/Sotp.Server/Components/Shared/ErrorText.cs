using Sotp.Core.Errors;

namespace Sotp.Server.Components.Shared;

/// <summary>What an alert shows for a refused action: each field's message when validation failed, the error's own otherwise.</summary>
public static class ErrorText
{
    public static string Of(DomainException error) =>
        error is ValidationException validation ? string.Join(' ', validation.Errors.Values.SelectMany(messages => messages)) : error.Message;
}
