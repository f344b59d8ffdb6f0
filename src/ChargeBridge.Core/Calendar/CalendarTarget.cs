using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Calendar;

/// <summary>How a calendar event's target SoC was found.</summary>
public enum TargetSource
{
    /// <summary>An explicit "NN %" in the title or description.</summary>
    Percent,
    /// <summary>A distance "NNN km" converted with the car's consumption and capacity.</summary>
    Distance,
    /// <summary>Neither: the max-SoC setting.</summary>
    MaxSocSetting,
}

/// <summary>The SoC an event needs at its start, where it came from, and whether clamping changed it.</summary>
public sealed record CalendarTarget(Percent Soc, TargetSource Source, bool Clamped);
