using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// What to plan on when no known price covers now (the price entity is unavailable and the prices read before have run
/// out, or none were ever read): no prices and discharging off, so every slot is unpriced (see
/// <see cref="PlanningProblem.From"/>). The plan then charges just what the calendar's targets and the minimum SoC need,
/// as late as safely possible or at once when time is short, and never discharges for a price difference that is not
/// real. Trips are met without prices; only the money is not optimised.
/// </summary>
public static class PricelessPlan
{
    public static PlanRequest For(PlanRequest request) => request with
    {
        BuyPrices = new TimeSeries<EnergyPrice>([], request.SlotLength),
        SellPrices = null,
        Objective = PlanObjective.Cost,
        CarbonIntensities = null,
        Settings = request.Settings with { MaxDischargePower = Power.Zero },
    };
}
