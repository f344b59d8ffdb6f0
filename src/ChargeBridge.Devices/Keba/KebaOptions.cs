namespace ChargeBridge.Devices.Keba;

/// <summary>How to reach one KEBA KeContact P30 (c- or x-series) or P40 over Modbus TCP and how to drive it.</summary>
public sealed record KebaOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 502;

    /// <summary>KEBA stations answer on unit id 255.</summary>
    public byte UnitId { get; init; } = 255;

    /// <summary>The phases the station is wired for (1 or 3); with <see cref="PhaseSwitching"/> the station's own
    /// phase switch state tells which are in use.</summary>
    public int Phases { get; init; } = 3;

    public int MinCurrentA { get; init; } = 6;
    public int MaxCurrentA { get; init; } = 16;

    /// <summary>The station switches between one and three phases (x-series with the phase switch, P40).</summary>
    public bool PhaseSwitching { get; init; }

    /// <summary>The current the station falls back to when ChargeBridge stops answering (0: it stops charging).</summary>
    public int FailsafeCurrentA { get; init; } = 6;

    /// <summary>How long the station waits for the next heartbeat before it falls back to <see cref="FailsafeCurrentA"/>.</summary>
    public TimeSpan FailsafeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the station may stay silent before it counts as faulted rather than briefly unreachable.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public override string ToString() => $"{Host}:{Port}";
}
