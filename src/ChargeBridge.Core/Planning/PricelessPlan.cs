using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// What to plan on when no known price covers now (the price entity is unavailable and the prices read before have run
/// out, or none were ever read): a stand-in price that rises a little every slot, with discharging off. The optimiser
/// then charges just what the calendar's targets and the minimum SoC need, as early as it can, and never discharges
/// for a price difference that is not real. Trips are met without prices; only the money is not optimised.
/// </summary>
public static class PricelessPlan
{
    /// <summary>The stand-in's level; its value only matters against the wear cost, which it keeps discharging out of.</summary>
    public static readonly EnergyPrice Level = new(0.25);
    /// <summary>The rise per slot: enough to make earlier slots cheaper, far too small to pay for the charging losses of charging more.</summary>
    public static readonly EnergyPrice RisePerSlot = new(0.0001);

    public static PlanRequest For(PlanRequest request)
    {
        var slots = (int)Math.Ceiling(request.Horizon / request.SlotLength);
        var prices = Enumerable.Range(0, slots).Select(i => new TimePoint<EnergyPrice>(
            request.Start + i * request.SlotLength, new EnergyPrice(Level.EurPerKwh + i * RisePerSlot.EurPerKwh)));
        return request with
        {
            BuyPrices = new TimeSeries<EnergyPrice>(prices, request.SlotLength),
            SellPrices = null,
            Objective = PlanObjective.Cost,
            CarbonIntensities = null,
            Settings = request.Settings with { MaxDischargePower = Power.Zero },
        };
    }
}
