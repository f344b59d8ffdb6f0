namespace ChargeBridge.Core.Planning;

/// <summary>A time the car is away (a calendar event): no charging or discharging from <see cref="Start"/> until <see cref="End"/>.</summary>
public sealed record Absence(DateTimeOffset Start, DateTimeOffset End);
