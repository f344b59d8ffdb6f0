namespace ChargeBridge.Devices.Keba;

/// <summary>How the KEBA twin is built and how fast it reacts.</summary>
public sealed record KebaSimulatorOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public bool CarConnected { get; init; } = true;

    /// <summary>The station's own limit (its DIP switches and cable), read at 1110.</summary>
    public int HardwareMaxCurrentA { get; init; } = 32;

    /// <summary>An x-series with the phase switch or a P40; without it 5050/5052 are not there.</summary>
    public bool PhaseSwitching { get; init; }

    public int Phases { get; init; } = 3;

    /// <summary>From enabled at a current to power flowing (the car answering the pilot signal).</summary>
    public TimeSpan ReactionDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long charging pauses while the station switches phases.</summary>
    public TimeSpan PhaseSwitchPause { get; init; } = TimeSpan.FromSeconds(10);

    public double VoltageV { get; init; } = 230;
    public uint Serial { get; init; } = 22_316_400;
    public uint Product { get; init; } = 304_111;

    /// <summary>KEBA's form: 0x30A0D00 is firmware 3.10.13.</summary>
    public uint Firmware { get; init; } = 0x030A_0D00;
}
