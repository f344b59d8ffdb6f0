using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The grid limit's answer for one moment: a grant per request, in the requests' order. <see cref="Total"/> is the house
/// plus every grant (null when the house is unknown). <see cref="ImportOverrun"/> is how far the total stays above the
/// import limit minus the margin even so (the house alone is over it and no loadpoint may discharge enough);
/// <see cref="ExportOverrun"/> likewise below the export limit (the house itself exports, and charging is never forced).
/// </summary>
public sealed record GridLimitAllocation(IReadOnlyList<GridLimitGrant> Grants, Power? House, Power? Total, Power ImportOverrun, Power ExportOverrun);
