namespace Sotp.Collectors.Snmp;

/// <summary>
/// What we know of one agent's SNMP engine: its id and its clock (boots and seconds since boot), kept as the
/// agent's time at our last synchronisation plus the seconds we measured since. Kept per agent address, not per
/// engine id, so agents that wrongly share an engine id still each get their own clock.
/// </summary>
internal sealed class UsmEngine(byte[] engineId, int boots, int time, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _privacyWorks = [];
    private int _boots = boots;
    private int _time = time;
    private long _syncedAt = clock.GetTimestamp();

    public byte[] EngineId { get; } = engineId;

    public string EngineIdHex { get; } = Convert.ToHexString(engineId);

    public (int Boots, int Time) Now()
    {
        lock (_lock)
        {
            return NowLocked();
        }
    }

    /// <summary>Takes the agent's clock from an authenticated message (RFC 3414 3.2 step 7b: only ever forward).</summary>
    public void Update(int boots, int time)
    {
        lock (_lock)
        {
            var (ourBoots, ourTime) = NowLocked();
            if (boots > ourBoots || (boots == ourBoots && time > ourTime))
            {
                Set(boots, time);
            }
        }
    }

    /// <summary>Takes the clock a notInTimeWindow report gives, even backwards: the agent's clock is the authority.</summary>
    public void Resynchronise(int boots, int time)
    {
        lock (_lock)
        {
            Set(boots, time);
        }
    }

    /// <summary>Once a user's encrypted request got an answer, a later timeout is a timeout, not a privacy key problem.</summary>
    public bool PrivacyWorks(string userName)
    {
        lock (_lock)
        {
            return _privacyWorks.Contains(userName);
        }
    }

    public void ConfirmPrivacy(string userName)
    {
        lock (_lock)
        {
            _privacyWorks.Add(userName);
        }
    }

    private (int Boots, int Time) NowLocked()
    {
        var elapsed = (long)clock.GetElapsedTime(_syncedAt).TotalSeconds;
        return (_boots, (int)Math.Min(int.MaxValue, _time + elapsed));
    }

    private void Set(int boots, int time)
    {
        _boots = boots;
        _time = time;
        _syncedAt = clock.GetTimestamp();
    }
}
