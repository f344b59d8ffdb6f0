namespace ChargeBridge.Devices.NrgKick;

/// <summary>How to reach one NRGKICK (through its Connect's local JSON API) and how to drive it. <see cref="Password"/>
/// is the device password the API takes in every path and write, a secret: <see cref="ToString"/> names only the
/// endpoint.</summary>
public sealed record NrgKickOptions
{
    /// <summary>The lowest current the API takes, in A.</summary>
    public const int DeviceMinCurrentA = 6;

    /// <summary>The highest current the API takes, in A.</summary>
    public const int DeviceMaxCurrentA = 16;

    public required string Host { get; init; }
    public int Port { get; init; } = 80;
    public required string Password { get; init; }

    /// <summary>The phases the charger is wired for (1 or 3): assumed until the phase voltages show which are live.</summary>
    public int Phases { get; init; } = 3;

    public int MinCurrentA { get; init; } = DeviceMinCurrentA;
    public int MaxCurrentA { get; init; } = DeviceMaxCurrentA;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a write the charger and the car need before the read-back can show it.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many times a command is written and read back before it is reported as failed.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>How long the charger may stay silent before it counts as faulted rather than briefly unreachable.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public Uri BaseAddress => new UriBuilder(Uri.UriSchemeHttp, Host, Port).Uri;

    public override string ToString() => $"{Host}:{Port}";
}
