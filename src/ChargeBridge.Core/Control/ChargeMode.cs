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
}
