using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Quasar;

/// <summary>The simulated charger and car. Defaults: a 40 kWh car at 50 %, 92 % efficiency each way (≈ 85 % round trip).</summary>
public sealed record QuasarSimulatorOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public Energy BatteryCapacity { get; init; } = Energy.FromKilowattHours(40);
    public Percent InitialSoc { get; init; } = new(50);
    public double ChargeEfficiency { get; init; } = 0.92;
    public double DischargeEfficiency { get; init; } = 0.92;

    /// <summary>
    /// How long after a new non-zero set point the actual power follows it, while <see cref="ReactionDelay"/> is null
    /// (the original model: a new power after this delay, stopping at once).
    /// </summary>
    public TimeSpan PowerResponseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The faithful reaction: every change of the power the charger is told to hold (a set point written over Modbus,
    /// 0 W included, a start or stop, the idle-timeout fail-safe) takes effect this long after it, in order, and the
    /// power then ramps towards it at <see cref="RampWattsPerSecond"/>. Only what cuts the power physically is
    /// immediate: unplugging, an error or power-sharing state, a full or empty battery. Null (the default) keeps the
    /// original model: <see cref="PowerResponseDelay"/> for a new non-zero power, stopping at once.
    /// The house twin uses 3 s, as <c>HomeSimCharger</c> (the Quasar takes 2–5 s over Modbus).
    /// </summary>
    public TimeSpan? ReactionDelay { get; init; }

    /// <summary>
    /// How fast the actual power moves towards a set point that has taken effect, in W/s, both up and down (and through
    /// 0 from charging to discharging). Infinity (the default) jumps at once. The house twin uses 1000 W/s (≈ 4 A/s on one
    /// phase), as <c>HomeSimCharger</c>.
    /// </summary>
    public double RampWattsPerSecond { get; init; } = double.PositiveInfinity;

    /// <summary>Register 514: the installer's AC max power, 1380..7400 W.</summary>
    public int MaxPowerW { get; init; } = 7400;

    /// <summary>False for a grid code that forbids export: negative set points are then ignored.</summary>
    public bool AllowsDischarge { get; init; } = true;

    public bool CarConnected { get; init; } = true;
    public ushort Firmware { get; init; } = 6;
    public uint Serial { get; init; } = 123456;
}
