namespace ChargeBridge.Devices.NrgKick;

/// <summary>How an <see cref="NrgKickTwin"/> behaves.</summary>
public sealed record NrgKickTwinOptions
{
    /// <summary>The device password the twin takes in the path and in a write's body.</summary>
    public string Password { get; init; } = "0000";

    /// <summary>How long after a write the car draws the set current.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The HTTP status of a "No content found" answer: 200, or an error status as some firmware sends.</summary>
    public int NoContentStatus { get; init; } = 200;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
