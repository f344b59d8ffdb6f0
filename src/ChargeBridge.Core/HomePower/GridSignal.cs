namespace ChargeBridge.Core.HomePower;

/// <summary>What one reading of the grid-status source says (<see cref="GridStatusReader"/>).</summary>
public enum GridSignal
{
    /// <summary>The grid is there.</summary>
    Up,
    /// <summary>The grid is gone: the sensor says so, or the meter's voltage or frequency reads 0 or has dropped out.</summary>
    Down,
    /// <summary>The reading says nothing (a binary sensor unavailable, an implausible frequency): it neither starts nor
    /// ends Backup, and restarts the wait of either.</summary>
    Unknown,
}
