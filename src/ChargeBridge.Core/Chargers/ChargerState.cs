namespace ChargeBridge.Core.Chargers;

/// <summary>What the charger is doing, reduced to what the apps decide on.</summary>
public enum ChargerState
{
    /// <summary>Not read yet.</summary>
    Unknown,
    NoCar,
    /// <summary>A car is connected and a session runs, but no power flows yet (waiting for the car or the set point).</summary>
    Waiting,
    Charging,
    Discharging,
    /// <summary>A car is connected and nothing runs: stopped, queued, or held by the charger's own app.</summary>
    Paused,
    /// <summary>The charger reports an error or cannot be reached; <see cref="ChargerStatus.FaultReason"/> says which.</summary>
    Faulted,
}
