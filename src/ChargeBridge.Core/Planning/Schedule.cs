using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Planning;

/// <summary>
/// One slot of a schedule: the set point (grid side; positive = charging) held from <see cref="Start"/> for
/// <see cref="Length"/>, and the SoC expected at the slot's start and end.
/// </summary>
public sealed record ScheduleSlot(DateTimeOffset Start, TimeSpan Length, Power SetPoint, Percent SocAtStart, Percent SocAtEnd)
{
    public DateTimeOffset End => Start + Length;

    /// <summary>What the site is expected to draw from the grid in this slot, house and car together; null when planned without a site.</summary>
    public Energy? GridImport { get; init; }

    /// <summary>What the site is expected to feed back in this slot; null when planned without a site.</summary>
    public Energy? GridExport { get; init; }
}

/// <summary>How a schedule meets one target: the SoC expected at its time and the shortfall (0 when met).</summary>
public sealed record TargetOutcome(SocTarget Target, Percent ExpectedSoc, Percent Shortfall)
{
    public bool Met => Shortfall.Value <= 0;
}

/// <summary>
/// A plan: set points per slot, the SoC prognosis and what it costs. <see cref="ExpectedCostEur"/> is the car's:
/// Σ buy price × energy drawn − Σ sell price × energy fed back (EUR), without degradation, which is reported apart;
/// planned with a site, the site's grid cost with the car less the site's without it (charging on PV surplus costs the
/// sell price it forgoes, discharging into the house saves the buy price), and <see cref="SiteExpectedCostEur"/> is
/// the site's whole grid cost.
/// When a target cannot be met the plan charges as fast as allowed and reports the shortfall per target.
/// </summary>
public sealed record Schedule(
    IReadOnlyList<ScheduleSlot> Slots,
    double ExpectedCostEur,
    double DegradationCostEur,
    double ExpectedEmissionsKg,
    IReadOnlyList<TargetOutcome> Targets)
{
    public bool TargetsMet => Targets.All(t => t.Met);

    /// <summary>Planned by a stand-in because the planner the user chose gave none (the local optimiser for FlexMeasures):
    /// the user is told when no real schedule has come for a while.</summary>
    public bool StandIn { get; init; }

    /// <summary>Gaps in the prices that the plan bridged with the highest (buying) or lowest (selling) price around them.</summary>
    public IReadOnlyList<PriceGap> PriceGapsBridged { get; init; } = [];

    /// <summary>Where the prices end and the plan goes on for the targets alone (no discharging, charging as late as safely
    /// possible); null when prices cover the whole plan.</summary>
    public DateTimeOffset? UnpricedFrom { get; init; }

    /// <summary>The site's expected grid cost, house and car together (EUR); null when planned without a site.</summary>
    public double? SiteExpectedCostEur { get; init; }

    public Percent MaxShortfall => new(Targets.Count == 0 ? 0 : Targets.Max(t => t.Shortfall.Value));

    public DateTimeOffset? End => Slots.Count == 0 ? null : Slots[^1].End;
}
