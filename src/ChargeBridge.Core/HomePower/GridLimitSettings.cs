using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// How the grid limit is kept. <see cref="Margin"/> is kept free below the import limit and above the export limit, for
/// the house changing between two meter readings. <see cref="UnknownHouseAmperes"/> is the most a loadpoint may charge
/// per phase while the house power is unknown.
/// </summary>
public sealed record GridLimitSettings(Power Margin)
{
    /// <summary>6 A: the least an IEC 61851 charger holds, so cars keep charging without adding more than needed.</summary>
    public double UnknownHouseAmperes { get; init; } = 6;
}
