using System.Diagnostics;

namespace Sotp.Cli.Tests;

/// <summary>Runs the built `sotp` command as a user would and collects what it printed.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Line(string prefix) =>
            Stdout.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sotp.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Settings travel the way an operator's would: SOTP__ environment variables.
        foreach (var (key, value) in settings)
        {
            start.Environment["SOTP__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
