using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Devices.SunSpec;

/// <summary>Settings of a <see cref="SunSpecDriver"/>.</summary>
public sealed record SunSpecDriverOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 502;
    public byte UnitId { get; init; } = 1;
    public SunSpecModelChoice Model { get; init; } = SunSpecModelChoice.Auto;

    /// <summary>Flips the sign of power and swaps the energy counters, for devices that count the other way round.</summary>
    public bool Invert { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Wait after a failed connection before the next attempt (doubling up to 15 s).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
