namespace ChargeBridge.Core.Planning;

/// <summary>A stretch without a value inside a price (or intensity) series that a plan bridged (see <see cref="BridgedSeries"/>).</summary>
public sealed record PriceGap(DateTimeOffset Start, DateTimeOffset End);
