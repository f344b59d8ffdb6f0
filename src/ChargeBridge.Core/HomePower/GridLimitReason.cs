namespace ChargeBridge.Core.HomePower;

/// <summary>Why a loadpoint's granted set point differs from what it wanted.</summary>
public enum GridLimitReason
{
    /// <summary>Granted what it wanted.</summary>
    AsWanted,
    /// <summary>What it wanted is not something its charger can do: above its maximum, between its whole-ampere steps,
    /// below its minimum, or a discharge on a charger that cannot discharge.</summary>
    ChargerLimits,
    /// <summary>Charging reduced so the house and the loadpoints stay under the import limit.</summary>
    ImportLimit,
    /// <summary>Discharging (more than wanted) because the site is over the import limit without it.</summary>
    PeakShaving,
    /// <summary>Discharging reduced so the site does not export more than the export limit.</summary>
    ExportLimit,
    /// <summary>The house power is unknown (stale or missing meter): the limit cannot be checked, the safe fallback applies.</summary>
    HouseUnknown,
}
