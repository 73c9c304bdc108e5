using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Sotp.Storage;

namespace Sotp.Server.Hosting;

/// <summary>
/// Turns the ways start-up fails (bad setting, unreachable store, port taken) into lines an operator can act on.
/// Anything else is left to crash with its stack trace, because then it is a bug.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 2;

    public static IReadOnlyList<string>? Describe(Exception exception)
    {
        var causes = Flatten(exception).ToList();
        var validation = causes.OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToList();
        if (validation.Count > 0)
        {
            return validation.Select(failure => $"configuration error: {failure}").ToList();
        }

        if (causes.OfType<StoreUnavailableException>().FirstOrDefault() is { } store)
        {
            return [store.Message];
        }

        if (causes.OfType<IOException>().FirstOrDefault(e => e.InnerException is SocketException or null && e.Message.Contains("address", StringComparison.OrdinalIgnoreCase)) is { } bind)
        {
            return [$"cannot listen: {bind.Message} (set Urls, e.g. --urls http://localhost:8081)"];
        }

        return null;
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
