namespace ChargeBridge.Core.HomePower;

/// <summary>How a loadpoint uses PV surplus.</summary>
public enum PvSurplusMode
{
    /// <summary>Charge only from surplus (evcc "pv", chargemanager "tracked"): nothing when there is not enough.</summary>
    SolarOnly,

    /// <summary>Always at least the charger's minimum, more from surplus (evcc "minpv").</summary>
    MinPlusSolar,
}
