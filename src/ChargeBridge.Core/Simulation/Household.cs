using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Simulation;

/// <summary>
/// The simulated household around the car: what the house consumed (without the car) and what the PV produced, as
/// measured (mean W over each point). The simulation bills the site's grid energy with it, and a plan that is to see
/// the house exactly (perfect foresight) gets it as its <see cref="SiteForecast"/>. A gap counts as 0 W.
/// </summary>
public sealed record Household(TimeSeries<Power> House, TimeSeries<Power> Pv)
{
    /// <summary>House − PV over the slot starting at <paramref name="start"/> (kWh; negative: PV to spare).</summary>
    public double BaseKwh(DateTimeOffset start, TimeSpan length) =>
        ((House.ValueAt(start) ?? Power.Zero) - (Pv.ValueAt(start) ?? Power.Zero)).Over(length).KilowattHours;

    /// <summary>The household as a plan would see it with perfect foresight.</summary>
    public SiteForecast Actual(GridConnection grid) => new() { HouseLoad = House, PvPower = Pv, Grid = grid };
}
