namespace ChargeBridge.Core.HomePower;

/// <summary>A non-essential load's HA switch and whether it is on (null: unavailable or unknown).</summary>
public readonly record struct LoadSwitchState(string Entity, bool? On);
