namespace ChargeBridge.Core.Wear;

/// <summary>The cathode chemistry of a traction battery, which sets its cycle life (<see cref="BatteryWear"/>).</summary>
public enum BatteryChemistry
{
    /// <summary>Lithium iron phosphate.</summary>
    Lfp,

    /// <summary>Nickel manganese cobalt oxide.</summary>
    Nmc,

    /// <summary>Nickel cobalt aluminium oxide.</summary>
    Nca,
}
