using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.SitePlanning;

/// <summary>
/// A stationary battery behind the site's meter: capacity, SoC now, the SoC band it is kept in, its power limits
/// (W, AC side), round-trip efficiency and what a kWh discharged (AC side) costs in wear (EUR/kWh).
/// </summary>
public sealed record HouseBattery
{
    public required Energy Capacity { get; init; }
    public required Percent Soc { get; init; }
    public Percent MinSoc { get; init; } = new(10);
    public Percent MaxSoc { get; init; } = new(100);
    public Power MaxChargePower { get; init; } = Power.FromWatts(5000);
    public Power MaxDischargePower { get; init; } = Power.FromWatts(5000);
    public Percent RoundTripEfficiency { get; init; } = new(90);
    public EnergyPrice WearCost { get; init; } = new(0);

    /// <summary>
    /// The battery as a loadpoint that never leaves and has no targets, so <see cref="PlanningProblem.From"/> gives it the
    /// same min-SoC floor, max-SoC ceiling (never above it, not even at the start), limits and terminal value as a car.
    /// </summary>
    public PlanRequest AsPlanRequest(DateTimeOffset start, TimeSpan slotLength, TimeSpan horizon, TimeSeries<EnergyPrice> buyPrices) => new()
    {
        Start = start,
        SlotLength = slotLength,
        Horizon = horizon,
        Soc = Soc,
        BuyPrices = buyPrices,
        DegradationCost = WearCost,
        Settings = new ChargeSettings
        {
            Capacity = Capacity,
            MinSoc = MinSoc,
            MaxSoc = MaxSoc,
            AllowedTimeAboveMax = TimeSpan.Zero,
            RoundTripEfficiency = RoundTripEfficiency,
            MaxChargePower = MaxChargePower,
            MaxDischargePower = MaxDischargePower,
        },
    };
}
