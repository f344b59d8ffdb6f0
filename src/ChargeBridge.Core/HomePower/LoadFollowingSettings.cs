using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// How load following reacts. The settling time after a change is <see cref="BaseSettling"/> plus
/// <see cref="SettlingPerKilowatt"/> for every kW of the step, at most <see cref="MaxSettling"/>: a charger needs a
/// few seconds to accept any command and then ramps, so a bigger step needs longer before the grid shows its effect
/// (the defaults give 6 s for 1 kW and 12 s for a full 3 kW step, inside evse-controller's 6–22 s).
/// </summary>
public sealed record LoadFollowingSettings
{
    /// <summary>No command while |grid − <see cref="GridTarget"/>| is below this: just over one ampere step at 230 V, the finest change an
    /// ampere-stepped charger can make, so noise smaller than a step costs no command and no settling wait.</summary>
    public Power DeadBand { get; init; } = Power.FromWatts(250);

    /// <summary>The grid flow load following aims at (+ import, − export): a small export, so the dead band, the
    /// ampere rounding and meter noise land on the export side (V2H: less import; S2V: no charging from the grid).
    /// On the benchmark's winter day −100 W and more drained the car to its SoC floor before the evening.</summary>
    public Power GridTarget { get; init; } = Power.FromWatts(-50);

    /// <summary>While the last change settles, a reading that, judged by what the charger reports delivering, asks for
    /// more than this towards less import (more discharge, less charge) is followed at once instead of waiting out the
    /// settling time: a load that switched on after the command. Null: always wait.</summary>
    public Power? ActEarlyAbove { get; init; } = Power.FromWatts(300);

    /// <summary>The largest change of the set point in one command, so a meter glitch cannot swing the car far.</summary>
    public Power MaxStep { get; init; } = Power.FromWatts(3000);

    /// <summary>The wait after any change: the charger's reaction delay.</summary>
    public TimeSpan BaseSettling { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The extra wait per kW of the change: the charger's ramp.</summary>
    public TimeSpan SettlingPerKilowatt { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest wait after a change, however large.</summary>
    public TimeSpan MaxSettling { get; init; } = TimeSpan.FromSeconds(22);

    /// <summary>Discharging stops at min SoC plus this many %-points (never less than the safety envelope's margin),
    /// so the SoC's reporting lag does not take the car to the floor.</summary>
    public Percent MinSocMargin { get; init; } = new(2);

    /// <summary>A grid reading older than this is stale: load following does not act on it.</summary>
    public TimeSpan MeterStaleAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Charging starts only with this share above the charger's minimum power to follow, and a charging car
    /// stops below the minimum itself, so export hovering around the minimum does not switch the car on and off, and
    /// the car never charges from the grid.</summary>
    public Percent StartAboveMinimum { get; init; } = new(20);

    /// <summary>Discharging (V2H) starts once the house draws this share of the charger's minimum power: the car then
    /// runs at its minimum and the rest flows out, which costs less than drawing the whole load from the grid.</summary>
    public Percent DischargeStartAt { get; init; } = new(45);

    /// <summary>A discharging car holds the minimum while the house draws at least this share of it and stops only
    /// below, so the car is not cycled by every dip.</summary>
    public Percent DischargeKeepDownTo { get; init; } = new(35);

    /// <summary>With a known end of the V2H period (<see cref="LoadFollowingInput.DischargeUntil"/>): once the car's
    /// spare energy spread evenly over the time left reaches this many times the charger's minimum power (it could hold
    /// the minimum all that time and still have energy over), <see cref="DischargeStartAt"/> and
    /// <see cref="DischargeKeepDownTo"/> fall, reaching 0 at twice that: the car holds the minimum for small loads
    /// (exporting the rest) instead of leaving them to the grid, and goes back to the thresholds as the spare runs low.
    /// 0: the thresholds alone. docs/BENCHMARKS.md has the measurements.</summary>
    public double SpendSpareFrom { get; init; } = 1;

    /// <summary>How long the grid takes to show a change of <paramref name="step"/> (a magnitude).</summary>
    public TimeSpan SettlingFor(Power step)
    {
        var settling = BaseSettling + SettlingPerKilowatt * Math.Abs(step.Kilowatts);
        return settling < MaxSettling ? settling : MaxSettling;
    }
}
