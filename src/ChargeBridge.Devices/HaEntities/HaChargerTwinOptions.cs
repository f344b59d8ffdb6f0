using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>The charger and car an <see cref="HaChargerTwin"/> plays.</summary>
public sealed record HaChargerTwinOptions
{
    /// <summary>The entities' object id prefix, as an integration names them after the device (<c>switch.charger_charge_control</c>).</summary>
    public string Name { get; init; } = "charger";

    /// <summary>The phases the charger is wired for, and those it starts on.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>Whether the charger can switch between one and three phases: the twin then shows a phases select
    /// (<c>select.&lt;name&gt;_phases</c>, options <c>1p</c> and <c>3p</c>) that switches them, as go-e's and evcc-style
    /// integrations do, and refuses a switch while the car draws current. Needs <see cref="Phases"/> 3.</summary>
    public bool PhaseSwitching { get; init; }
    public double VoltageV { get; init; } = 230;
    public int MinCurrentA { get; init; } = 6;
    public int MaxCurrentA { get; init; } = 16;

    /// <summary>Whether the power sensor reports kW instead of W (as some integrations do).</summary>
    public bool PowerInKilowatts { get; init; }

    public bool CarConnected { get; init; } = true;
    public Energy BatteryCapacity { get; init; } = Energy.FromKilowattHours(60);
    public Percent InitialSoc { get; init; } = new(50);
    public double ChargeEfficiency { get; init; } = 0.92;

    /// <summary>How often the twin publishes its power, energy and SoC, as an integration polls its charger.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
