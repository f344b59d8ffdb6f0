using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// The simulated household: car and charger settings, the SoC wanted at every departure, the price series the
/// household pays and is paid, how prices are published, and optionally its house and PV.
/// </summary>
public sealed record SimulationSettings
{
    public ChargeSettings Car { get; init; } = new();

    /// <summary>SoC wanted at each departure; the calendar default when an event names no %, i.e. max SoC.</summary>
    public Percent DepartureSoc { get; init; } = new(80);

    /// <summary>SoC the car starts the year with before its first trip.</summary>
    public Percent InitialSoc { get; init; } = new(80);

    /// <summary>A trip never leaves less than this in the battery (the driver would have charged on the way).</summary>
    public Percent LowestArrivalSoc { get; init; } = new(5);

    public required TimeSeries<EnergyPrice> BuyPrices { get; init; }
    public required TimeSeries<EnergyPrice> SellPrices { get; init; }
    public EnergyPrice DegradationCost { get; init; } = new(0);
    public required PricePublication Publication { get; init; }
    public TimeSpan ReplanEvery { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The house and PV around the car (null: the car alone); with it the whole site's grid energy is billed.</summary>
    public Household? Household { get; init; }
}
