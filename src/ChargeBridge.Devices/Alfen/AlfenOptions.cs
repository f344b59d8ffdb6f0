namespace ChargeBridge.Devices.Alfen;

/// <summary>How to reach one Alfen Eve socket in Modbus TCP slave mode and how to drive it.</summary>
public sealed record AlfenOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 502;

    /// <summary>1: the left or only socket; 2: the right socket of a Double.</summary>
    public byte UnitId { get; init; } = 1;

    /// <summary>The phases the socket is wired for (1 or 3); with <see cref="PhaseSwitching"/> register 1215 says.</summary>
    public int Phases { get; init; } = 3;

    public int MinCurrentA { get; init; } = 6;
    public int MaxCurrentA { get; init; } = 16;

    /// <summary>"Allow 1- and 3-phased charging" is set on the station (in Alfen's service installer app).</summary>
    public bool PhaseSwitching { get; init; }

    /// <summary>The station's validity time (its installer setting, 60 s by default): a set point not written again
    /// within it gives way to the station's safe current.</summary>
    public TimeSpan ValidityTime { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the station may stay silent before it counts as faulted rather than briefly unreachable.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public override string ToString() => $"{Host}:{Port}/{UnitId}";
}
