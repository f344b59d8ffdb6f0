namespace ChargeBridge.Apps.Tests.HomePower;

/// <summary>What a control step left: its time into the run, the grid power HA shows (null: unknown), each car's set point
/// register (W) and each loadpoint's home-power state as HA shows it.</summary>
internal sealed record SiteSample(TimeSpan At, double? Grid, int[] SetPoints, string?[] States);
