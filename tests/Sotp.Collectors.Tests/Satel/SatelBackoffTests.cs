using Sotp.Collectors.Satel;

namespace Sotp.Collectors.Tests.Satel;

public class SatelBackoffTests
{
    [Fact]
    public void Failures_Wait1_2_4_8_16_ThenEvery30Seconds()
    {
        var backoff = new SatelBackoff(SatelWorkerOptions.DefaultBackoff);

        var waits = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], waits);
    }

    [Fact]
    public void AReset_StartsOverAtOneSecond()
    {
        var backoff = new SatelBackoff(SatelWorkerOptions.DefaultBackoff);
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
