namespace ChargeBridge.Devices.Shelly;

/// <summary>How <see cref="ShellySimulator"/> starts.</summary>
public sealed record ShellySimulatorOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The login the device asks for (basic on Gen1, digest on the Pro models); null for none.</summary>
    public string? Password { get; init; }

    public string Username { get; init; } = "admin";

    /// <summary>The clock of the <c>unixtime</c> a Gen1 status reports.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public override string ToString() => $"port {Port}, {(Password is null ? "no login" : "login " + Username)}";
}
