namespace ChargeBridge.Core.Control;

/// <summary>The charge modes users pick in Home Assistant.</summary>
public enum ChargeMode
{
    /// <summary>Follow the optimised schedule; charge at full power while below min SoC.</summary>
    Automatic,
    /// <summary>Charge at full power until the practical maximum, then back to Automatic.</summary>
    MaxBoostNow,
    /// <summary>Discharge at full power until min SoC + 1 %-point, then back to Automatic.</summary>
    MaxDischargeNow,
    /// <summary>0 W and control handed back to the charger's own app; monitoring goes on.</summary>
    Pause,
    /// <summary>Charge from PV surplus only, with the enable and disable delays (evcc "pv", chargemanager "Tracked").</summary>
    SolarOnly,
    /// <summary>Always the charger's minimum, more from PV surplus (evcc "minpv").</summary>
    MinPlusSolar,
    /// <summary>Vehicle to home: discharge so the grid imports about 0 W, never charge (evse-controller LOAD_FOLLOW_DISCHARGE).</summary>
    PowerTheHouse,
    /// <summary>Solar to vehicle: charge from export only, second by second (evse-controller LOAD_FOLLOW_CHARGE).</summary>
    ChargeFromExport,
    /// <summary>Both of the above: the grid goes to about 0 W either way (evse-controller LOAD_FOLLOW_BIDIRECTIONAL).</summary>
    ZeroGrid,
}
