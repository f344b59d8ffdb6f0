using ChargeBridge.Core.Units;

namespace ChargeBridge.Host.Report;

/// <summary>
/// Everything one HTML report shows, independent of what produced it (a simulated day, a simulated year): series
/// sampled over [<see cref="From"/>, <see cref="Until"/>), calendar events, and a table of strategies.
/// </summary>
internal sealed record ReportData
{
    public required string Title { get; init; }

    /// <summary>One paragraph under the title: what was run, on which data.</summary>
    public string Summary { get; init; } = "";

    /// <summary>Time labels are local to this zone.</summary>
    public required TimeZoneInfo Zone { get; init; }

    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset Until { get; init; }

    /// <summary>Each sample holds for one step; samples further apart than this leave a gap in the lines.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<ReportSample> Samples { get; init; } = [];
    public IReadOnlyList<ReportEvent> Events { get; init; } = [];

    /// <summary>Stretches of the day worth a look (V2H in the evening, solar charging at noon), marked on the site's
    /// power panel and summed up under the chart.</summary>
    public IReadOnlyList<ReportHighlight> Highlights { get; init; } = [];
    public IReadOnlyList<ReportRow> Rows { get; init; } = [];
}

/// <summary>
/// The values at one time. Price and power hold from <see cref="At"/> for one step; the SoCs are at <see cref="At"/>.
/// A null value is a gap (no price published, car away). A site's second car has its schedule power and SoC too, and a
/// site with a grid meter its power flows: the grid (+ import), the house's consumption, PV and the first car's actual
/// power (+ charging), each at <see cref="At"/>.
/// </summary>
internal readonly record struct ReportSample(DateTimeOffset At, EnergyPrice? NetPrice, Power? SchedulePower, Percent? SocPrognosis, Percent? ActualSoc,
    Power? SecondPower = null, Percent? SecondSoc = null, Power? Grid = null, Power? House = null, Power? Pv = null, Power? CarPower = null);

/// <summary>A calendar event (an absence, a trip) as the chart shades it; the title comes from the user.</summary>
internal sealed record ReportEvent(DateTimeOffset Start, DateTimeOffset End, string Title);

/// <summary>One strategy's line of the table; savings are null where there is nothing to compare with.</summary>
internal sealed record ReportRow(string Strategy, double CostEur, double RevenueEur, double NetEur, double? SavingsVsNaiveEur, double? SavingsVsCheapestSlotsEur, int TargetsMet, int Targets);
