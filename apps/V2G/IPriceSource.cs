using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.V2G;

/// <summary>Prices as a planner needs them, with when they arrived (a change there is a re-plan trigger).</summary>
internal sealed record PriceData(TimeSeries<EnergyPrice> Prices, DateTimeOffset? ReceivedAt);

/// <summary>Where the app gets energy prices; readers for other integrations plug in here.</summary>
internal interface IPriceSource
{
    /// <summary>The latest prices, or null with a reason when there are none usable.</summary>
    PriceData? Read(out string? problem);
}
