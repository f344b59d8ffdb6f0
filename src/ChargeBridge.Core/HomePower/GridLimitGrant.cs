using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>The set point one loadpoint may use (+ charge, − discharge) and why it differs from what it wanted.</summary>
public sealed record GridLimitGrant(LoadpointName Name, Power Wanted, Power Granted, GridLimitReason Reason)
{
    public bool Limited => Granted != Wanted;
}
