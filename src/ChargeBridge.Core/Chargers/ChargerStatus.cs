using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Chargers;

/// <summary>
/// One reading of a charger. <see cref="CarConnected"/> is null when the charger cannot tell (error states).
/// <see cref="Reachable"/> is false as soon as one exchange failed; <see cref="State"/> becomes Faulted only after
/// the driver's documented fault delay, so one lost answer does not flap the state.
/// </summary>
public sealed record ChargerStatus(
    DateTimeOffset At,
    ChargerState State,
    bool? CarConnected,
    Power ActualPower,
    Percent? StateOfCharge,
    bool Locked,
    bool ControlledByApp,
    bool Reachable,
    string? FaultReason,
    int? DeviceStateCode,
    string DeviceStateText)
{
    public static ChargerStatus Unknown(DateTimeOffset at) =>
        new(at, ChargerState.Unknown, null, Power.Zero, null, false, false, false, null, null, "not read yet");

    public bool IsCharging => State == ChargerState.Charging;
    public bool IsDischarging => State == ChargerState.Discharging;
    public bool IsPaused => State == ChargerState.Paused;
    public bool IsFaulted => State == ChargerState.Faulted;

    /// <summary>The last restart the driver made by itself (a hung Quasar through the Wallbox cloud); null: none.</summary>
    public ChargerRestart? LastRestart { get; init; }
}

/// <summary>A restart a driver made by itself: when, whether the charger's vendor took it, and what happened, in words.</summary>
public sealed record ChargerRestart(DateTimeOffset At, bool Succeeded, string Outcome);
