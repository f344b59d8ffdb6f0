using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// How PV surplus charging reacts. The defaults follow evcc and chargemanager; docs/home-power.md says why.
/// </summary>
public sealed record PvSurplusSettings
{
    /// <summary>Surplus must hold the charger's minimum this long before charging starts (evcc: 1 min); a dip does not
    /// start it again while the mean over this long still holds the minimum.</summary>
    public TimeSpan EnableDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Surplus must be below the minimum this long before charging stops (evcc: 3 min): longer than a cloud.</summary>
    public TimeSpan DisableDelay { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Below this house-battery SoC the battery's charging is not surplus: the battery fills first.</summary>
    public Percent BatteryPrioritySoc { get; init; } = new(40);

    /// <summary>Above this house-battery SoC the battery may carry the car through dips in PV.</summary>
    public Percent BatteryBufferSoc { get; init; } = new(80);

    /// <summary>The most the house battery may discharge for the car while it carries it (chargemanager: 2.6 kW).</summary>
    public Power MaxBatteryDischargeForCar { get; init; } = Power.FromKilowatts(2.6);

    /// <summary>The window over which surplus variance lowers the target: target = level − k·stddev of its samples.</summary>
    public TimeSpan DampingWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The level the spread is taken from: the mean of this last part of the damping window (at most the
    /// window). A shorter level follows a clearing sky sooner but lets the set point swing with clouds shorter than it,
    /// so the default is the whole window; docs/BENCHMARKS.md has the measurements.</summary>
    public TimeSpan DampingLevel { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The level while the PV power is known (<see cref="PvSurplusInput.PvPower"/>, the site's PV meter): then the
    /// spread that lowers the target is the PV's alone, so the level can be short and follow the house's loads (less grid
    /// when a load switches on, more capture when it switches off) while clouds still lower the target.</summary>
    public TimeSpan DampingLevelWithPv { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The PV power's spread is taken after smoothing it over this long, so clouds over minutes lower the
    /// target and second-to-second noise, which a charger answering in seconds cannot follow, does not.</summary>
    public TimeSpan PvSmoothing { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>With the PV power known, the PV spread at which the sky counts as cloudy: below it the level moves from
    /// <see cref="DampingLevelWithPv"/> towards <see cref="DampingLevel"/> in proportion, at and above it the level is
    /// <see cref="DampingLevel"/>'s, so passing clouds do not move the set point with them.</summary>
    public Power CloudySpread { get; init; } = Power.FromWatts(1000);

    /// <summary>The enable and disable timers judge the surplus averaged over this long (zero: each reading as it
    /// is), so a second of meter noise neither restarts the enable delay nor holds off a due stop.</summary>
    public TimeSpan TimerAveraging { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>k in target = level − k·stddev: 1 keeps the target below the surplus about five sixths of the time. With
    /// the PV known, k is scaled by the cloudiness (the PV's spread over <see cref="CloudySpread"/>, at most 1).</summary>
    public double DampingFactor { get; init; } = 1;

    /// <summary>Samples the damping window holds at most (one a second for 5 min); the oldest is dropped when full.</summary>
    public int DampingCapacity { get; init; } = 300;

    /// <summary>A grid reading older than this is not acted on.</summary>
    public TimeSpan MeterStaleAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Measurements are ignored this long after a phase switch while the car and charger settle (evcc: 60 s).</summary>
    public TimeSpan PhaseSwitchSettleTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Below this charging power the car counts as not drawing, so the phases may be switched.</summary>
    public Power IdleBelow { get; init; } = Power.FromWatts(50);
}
