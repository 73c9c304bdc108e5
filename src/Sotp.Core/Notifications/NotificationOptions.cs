namespace Sotp.Core.Notifications;

/// <summary>Settings of notification delivery (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Attempts per delivery, the first included; after the last failure the delivery is FAILED.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int FirstRetryDelaySeconds { get; set; } = 30;

    public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>How long one attempt (an HTTP post or an SMTP conversation) may take.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 15;

    /// <summary>How often the dispatcher looks for due retries when no alarm change wakes it.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>The wait before attempt <paramref name="failed"/> + 1: exponential, capped.</summary>
    public TimeSpan RetryDelay(int failed) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelaySeconds, FirstRetryDelaySeconds * Math.Pow(2, Math.Max(0, failed - 1))));

    public IEnumerable<string> Problems()
    {
        if (MaxAttempts is < 1 or > 50)
        {
            yield return $"Notifications:MaxAttempts {MaxAttempts} is outside 1..50.";
        }

        if (FirstRetryDelaySeconds is < 1 or > 86_400)
        {
            yield return $"Notifications:FirstRetryDelaySeconds {FirstRetryDelaySeconds} is outside 1..86400.";
        }

        if (MaxRetryDelaySeconds < FirstRetryDelaySeconds || MaxRetryDelaySeconds > 86_400)
        {
            yield return $"Notifications:MaxRetryDelaySeconds {MaxRetryDelaySeconds} is outside FirstRetryDelaySeconds..86400.";
        }

        if (AttemptTimeoutSeconds is < 1 or > 300)
        {
            yield return $"Notifications:AttemptTimeoutSeconds {AttemptTimeoutSeconds} is outside 1..300.";
        }

        if (PollSeconds is < 1 or > 3600)
        {
            yield return $"Notifications:PollSeconds {PollSeconds} is outside 1..3600.";
        }
    }
}
