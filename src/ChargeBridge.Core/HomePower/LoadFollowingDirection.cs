namespace ChargeBridge.Core.HomePower;

/// <summary>Which way load following may move energy between the car and the house.</summary>
public enum LoadFollowingDirection
{
    /// <summary>Vehicle to home: discharge so that grid import goes to about 0; never charge.</summary>
    V2H,

    /// <summary>Solar to vehicle: charge from export only, so that export goes to about 0; never discharge.</summary>
    S2V,

    /// <summary>Both: discharge against import and charge from export, switching as the grid flow turns.</summary>
    Both,
}
