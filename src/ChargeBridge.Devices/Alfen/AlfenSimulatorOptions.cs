namespace ChargeBridge.Devices.Alfen;

/// <summary>How the Alfen twin is set up (as its installer would in Alfen's service app) and how fast it reacts.</summary>
public sealed record AlfenSimulatorOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public bool CarConnected { get; init; } = true;

    /// <summary>The current the socket falls back to when the written one is not renewed within <see cref="ValidityTime"/>.</summary>
    public double SafeCurrentA { get; init; } = 6;

    public TimeSpan ValidityTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The station's own limit.</summary>
    public double StationMaxCurrentA { get; init; } = 32;

    public int Phases { get; init; } = 3;

    /// <summary>"Allow 1- and 3-phased charging": register 1215 may be written.</summary>
    public bool PhaseSwitching { get; init; }

    /// <summary>From a current offered to power flowing (the car answering the pilot signal).</summary>
    public TimeSpan ReactionDelay { get; init; } = TimeSpan.FromSeconds(2);

    public double VoltageV { get; init; } = 230;
}
