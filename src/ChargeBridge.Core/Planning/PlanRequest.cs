using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// Everything a planner needs to schedule one car: the time line, the battery now, the settings, the calendar and
/// the prices. Planners plan from <see cref="Start"/> over <see cref="Horizon"/> in slots of <see cref="SlotLength"/>,
/// priced where the buy prices (or, for the emissions objective, the intensities) reach and unpriced after them up to
/// the last target (see <see cref="PlanningProblem.From"/>).
/// </summary>
public sealed record PlanRequest
{
    public required DateTimeOffset Start { get; init; }
    public TimeSpan SlotLength { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan Horizon { get; init; } = TimeSpan.FromHours(27);
    public required Percent Soc { get; init; }
    public ChargeSettings Settings { get; init; } = new();

    /// <summary>SoC the car must hold at each event start; targets beyond the horizon wait for a later plan.</summary>
    public IReadOnlyList<SocTarget> Targets { get; init; } = [];

    /// <summary>Calendar events: the car is away, so the power is 0 during each.</summary>
    public IReadOnlyList<Absence> Absences { get; init; } = [];

    /// <summary>Price of energy drawn from the grid (EUR/kWh, may be negative).</summary>
    public required TimeSeries<EnergyPrice> BuyPrices { get; init; }

    /// <summary>Price paid for energy fed back; null means the same as <see cref="BuyPrices"/> (net metering).</summary>
    public TimeSeries<EnergyPrice>? SellPrices { get; init; }

    public PlanObjective Objective { get; init; } = PlanObjective.Cost;

    /// <summary>Grid carbon intensity; required when <see cref="Objective"/> is <see cref="PlanObjective.Emissions"/>.</summary>
    public TimeSeries<CarbonIntensity>? CarbonIntensities { get; init; }

    /// <summary>Battery wear charged per kWh discharged (grid side); 0 by default.</summary>
    public EnergyPrice DegradationCost { get; init; } = new(0);

    /// <summary>The house, PV and grid limits around this loadpoint; null plans the car alone against the prices.</summary>
    public SiteForecast? Site { get; init; }
}
