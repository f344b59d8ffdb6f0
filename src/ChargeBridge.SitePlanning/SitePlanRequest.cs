using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;

namespace ChargeBridge.SitePlanning;

/// <summary>
/// Everything the site planner needs: the time line, one set of prices (or intensities) for the whole site, the house
/// load, PV and grid limits (<see cref="SiteForecast"/>), each loadpoint as a <see cref="PlanRequest"/> (its SoC,
/// settings, targets and absences) and an optional house battery. A loadpoint's own prices, objective and horizon
/// are replaced by the site's; its start and slot length must be the site's.
/// </summary>
public sealed record SitePlanRequest
{
    public required DateTimeOffset Start { get; init; }
    public TimeSpan SlotLength { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(27);
    public IReadOnlyList<PlanRequest> Loadpoints { get; init; } = [];
    public HouseBattery? Battery { get; init; }
    public SiteForecast Forecast { get; init; } = new();

    /// <summary>Price of energy the site draws from the grid (EUR/kWh, may be negative).</summary>
    public required TimeSeries<EnergyPrice> BuyPrices { get; init; }

    /// <summary>Price paid for energy the site feeds back; null means the buy price (net metering).</summary>
    public TimeSeries<EnergyPrice>? SellPrices { get; init; }

    public PlanObjective Objective { get; init; } = PlanObjective.Cost;
    public TimeSeries<CarbonIntensity>? CarbonIntensities { get; init; }
}
