namespace ChargeBridge.Devices.HaEntities;

/// <summary>The entities an <c>ha-entities</c> charger is driven through, and the charger's electrical limits.</summary>
public sealed record HaEntitiesOptions
{
    /// <summary>switch.* or input_boolean.*: on lets the charger charge, off stops it.</summary>
    public required string Enable { get; init; }

    /// <summary>number.* or input_number.* taking the charge current in A; null when <see cref="Power"/> is used.</summary>
    public string? Current { get; init; }

    /// <summary>number.* or input_number.* taking the charge power in W; null when <see cref="Current"/> is used.</summary>
    public string? Power { get; init; }

    /// <summary>sensor.* with the charger's status text (IEC 61851 letter, OCPP status or an integration's word).</summary>
    public required string Status { get; init; }

    /// <summary>sensor.* with the charging power in W or kW (by its unit_of_measurement).</summary>
    public string? PowerSensor { get; init; }

    /// <summary>sensor.* with an energy counter in Wh, kWh or MWh, shown as a detail.</summary>
    public string? EnergySensor { get; init; }

    /// <summary>sensor.* with the car's state of charge in %.</summary>
    public string? Soc { get; init; }

    /// <summary>The entity that shows and sets the phases the charger charges on, or null when it cannot switch: a
    /// select.* or input_select.* with an option for one phase and one for three (the option holding a "1" and not a
    /// "3", and the other way round: "1p"/"3p", "Force_1"/"Force_3"), or a number.* or input_number.* whose value is
    /// the phases (1 or 3). See <see cref="PhaseText"/>.</summary>
    public string? PhasesEntity { get; init; }

    /// <summary>The phases the charger is wired for (1 or 3); with a <see cref="PhasesEntity"/> also the phases assumed
    /// while that entity shows none (unknown, unavailable, "auto").</summary>
    public int Phases { get; init; } = 3;

    public int MinCurrentA { get; init; } = 6;
    public int MaxCurrentA { get; init; } = 16;
    public double VoltageV { get; init; } = 230;

    /// <summary>How long the entities may stay unknown or unavailable (an integration reloading, the charger's cloud
    /// slow) before the charger counts as faulted rather than briefly unreachable.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The number entity the set point is written to.</summary>
    public string SetPoint => Current ?? Power ?? throw new InvalidOperationException("neither Current nor Power is set");

    /// <summary>The entities whose changes change the status.</summary>
    public IEnumerable<string> Watched => new[] { Enable, SetPoint, Status, PowerSensor, EnergySensor, Soc, PhasesEntity }.OfType<string>();
}
