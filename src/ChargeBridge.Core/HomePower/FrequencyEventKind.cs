namespace ChargeBridge.Core.HomePower;

/// <summary>Which way the grid frequency left its band.</summary>
public enum FrequencyEventKind
{
    /// <summary>Below <see cref="FrequencyResponseSettings.UnderHz"/>: the car discharges.</summary>
    Under,
    /// <summary>Above <see cref="FrequencyResponseSettings.OverHz"/>: the car charges.</summary>
    Over,
}
