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

    /// <summary>How long after a new set point the actual power follows it.</summary>
    public TimeSpan PowerResponseDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Register 514: the installer's AC max power, 1380..7400 W.</summary>
    public int MaxPowerW { get; init; } = 7400;

    /// <summary>False for a grid code that forbids export: negative set points are then ignored.</summary>
    public bool AllowsDischarge { get; init; } = true;

    public bool CarConnected { get; init; } = true;
    public ushort Firmware { get; init; } = 6;
    public uint Serial { get; init; } = 123456;
}
