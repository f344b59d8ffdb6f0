using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Devices.Quasar;

/// <summary>Settings of a <see cref="QuasarDriver"/>. The charger's own limit (register 514) caps both power limits.</summary>
public sealed record QuasarDriverOptions
{
    public required string Host { get; init; }
    public int Port { get; init; } = 502;
    public byte UnitId { get; init; } = 1;
    public Power MaxChargePower { get; init; } = Power.FromWatts(7400);
    public Power MaxDischargePower { get; init; } = Power.FromWatts(7400);

    /// <summary>Written to register 88: without Modbus traffic for this long the charger stops by itself.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(600);

    public TimeSpan PollWithCar { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PollWithoutCar { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A failed exchange reports Faulted once the last good one is this old.</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>On plug-in, charge at 1 W until the SoC register reads a plausible value, then stop.</summary>
    public bool AcquireSocOnPlugIn { get; init; } = true;

    /// <summary>Readings of 1..100 % are accepted after this long; before, only 2..97 %.</summary>
    public TimeSpan SocRelaxAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan SocAcquisitionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The Wallbox cloud account that restarts the charger when its Modbus module hangs; null: a person must
    /// power-cycle it (docs/chargers.md, "Recovering from the Modbus hang").</summary>
    public WallboxCloud? Cloud { get; init; }

    /// <summary>The charger's serial number for the cloud; null: the one the charger reported before it hung.</summary>
    public string? CloudSerial { get; init; }

    public CloudRestartPolicy Restarts { get; init; } = new();
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The longest time from the charger's last answer to a Faulted status (see docs/chargers.md).</summary>
    public TimeSpan FaultBound => Max(PollWithoutCar, FaultAfter + RetryAfterFailure) + RequestTimeout;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("the charger's host is required", nameof(Host));
        if (IdleTimeout.TotalSeconds is < 1 or > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "must be 1..65535 s");
        if (IdleTimeout < 2 * Max(PollWithoutCar, FaultBound))
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "must leave room for at least two polls");
        if (MaxChargePower.Watts < 0 || MaxDischargePower.Watts < 0) throw new ArgumentOutOfRangeException(nameof(MaxChargePower), "limits are magnitudes");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
