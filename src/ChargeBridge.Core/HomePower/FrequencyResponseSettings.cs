using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Frequency response: the car discharges while the grid frequency sags and may charge while it is high, with limits
/// so that a bad sensor cannot drain the car. The nominal frequency is 50 Hz; ENTSO-E's frequency containment
/// reserve is fully activated at ±200 mHz, hence the ±0.2 Hz thresholds.
/// </summary>
public sealed record FrequencyResponseSettings
{
    /// <summary>Readings outside this range (Hz) are no grid frequency (a sensor error, a 0 from a meter without grid) and are ignored.</summary>
    public const double PlausibleMin = 45, PlausibleMax = 55;

    /// <summary>Below this (Hz) for <see cref="TriggerAfter"/> the car discharges.</summary>
    public double UnderHz { get; init; } = 49.8;

    /// <summary>Above this (Hz) for <see cref="TriggerAfter"/> the car may charge (<see cref="ChargeOnOverFrequency"/>).</summary>
    public double OverHz { get; init; } = 50.2;

    /// <summary>How long the frequency must stay beyond a threshold: a single sample from a meter that averages over
    /// a second or two is not an event; a real deviation of 200 mHz lasts tens of seconds.</summary>
    public TimeSpan TriggerAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The discharge power of an under-frequency event (a magnitude).</summary>
    public Power DischargePower { get; init; } = Power.FromWatts(3000);

    /// <summary>The charge power of an over-frequency event.</summary>
    public Power ChargePower { get; init; } = Power.FromWatts(3000);

    /// <summary>Whether an over-frequency event charges the car (below its practical maximum SoC).</summary>
    public bool ChargeOnOverFrequency { get; init; } = true;

    /// <summary>The longest one event lasts; then the plan leads again, even if the frequency has not recovered.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>An under-frequency event starts (and goes on) only above this SoC.</summary>
    public Percent MinSocToDischarge { get; init; } = new(50);

    /// <summary>The shortest gap between the end of one event and the start of the next.</summary>
    public TimeSpan MinGap { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many events per local day.</summary>
    public int MaxEventsPerDay { get; init; } = 4;

    /// <summary>At most this much energy moved (charged or discharged) by events per local day.</summary>
    public Energy MaxEnergyPerDay { get; init; } = Energy.FromKilowattHours(5);

    /// <summary>Whether <paramref name="hz"/> can be a grid frequency at all.</summary>
    public static bool Plausible(double hz) => double.IsFinite(hz) && hz is >= PlausibleMin and <= PlausibleMax;
}
