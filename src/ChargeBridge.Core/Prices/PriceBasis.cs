namespace ChargeBridge.Core.Prices;

/// <summary>Which prices a plan stands on.</summary>
public enum PriceBasis
{
    /// <summary>The prices the source gives now.</summary>
    Current,
    /// <summary>The source has none now (its entity is unavailable, say); the prices read before still cover the present.</summary>
    Kept,
    /// <summary>No known price covers now: the plan only meets the trips and the minimum SoC (<see cref="Planning.PricelessPlan"/>).</summary>
    None,
}

/// <summary>
/// The choice of <see cref="PriceBasis"/>. Day-ahead prices are facts about their hours: a price entity turning
/// unavailable for a while (an integration reloading, HA restarting) does not take back what it said, so the prices
/// read last stay in use while they cover now.
/// </summary>
public static class PriceBases
{
    public static PriceBasis Choose<T>(bool current, TimeSeries<T>? lastRead, DateTimeOffset now) where T : struct =>
        current ? PriceBasis.Current
        : lastRead?.ValueAt(now) is not null ? PriceBasis.Kept
        : PriceBasis.None;
}
