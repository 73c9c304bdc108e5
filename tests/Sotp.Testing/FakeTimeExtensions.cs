using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Sotp.Testing;

public static class FakeTimeExtensions
{
    /// <summary>
    /// Moves fake time a second at a time until the condition holds (at most <paramref name="maxSeconds"/> simulated
    /// seconds), pausing briefly before each step so the code under test (and any real network exchange it makes)
    /// can run: a wait for work, not a timing assumption.
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Func<bool> condition, int maxSeconds = 600, int pauseMilliseconds = 10)
    {
        for (var step = 0; step < maxSeconds && !condition(); step++)
        {
            await Task.Delay(pauseMilliseconds);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(condition(), $"the condition did not hold within {maxSeconds} simulated seconds");
    }
}
