using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// What the demo's simulated day did, one <see cref="DemoStep"/> per 5 minutes, for the console summary and for a
/// report to draw (price, planned power, SoC prognosis and actual SoC over the day, the calendar events shaded).
/// <see cref="Session"/> is the Quasar car's plugged-in stretch with its target, on which other strategies are
/// compared; <see cref="Totals"/> are that car's, <see cref="SecondCarTotals"/> the second loadpoint's. The events
/// are both cars' trips, the Quasar car's first. <see cref="House"/> is the house the site's grid meter saw;
/// <see cref="Noon"/> and <see cref="Evening"/> the stretches the report sums solar charging and V2H over.
/// </summary>
internal sealed record DemoRecording(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<AppStatus> Apps,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<DemoEvent> Events,
    EnergyTotals Totals,
    PlanRequest Session,
    EnergyTotals SecondCarTotals,
    DemoHouse House,
    DemoWindow Noon,
    DemoWindow Evening);

/// <summary>
/// One 5-minute step: the household price (EUR/kWh), the schedule's set point (W, + = charging; null without a
/// schedule), the SoC the schedule expects at this time and the car's actual SoC (%), the charger's actual
/// power (W), whether the car is plugged in, the mode, the calendar event under way, and the running totals; the
/// second loadpoint's car, the grid power the site's meter shows (null before its first reading), and the house's
/// consumption and PV production the house twin played last.
/// </summary>
internal sealed record DemoStep(
    DateTimeOffset At,
    EnergyPrice Price,
    Power? PlannedPower,
    Percent? SocPrognosis,
    Percent ActualSoc,
    Power ActualPower,
    bool CarConnected,
    string Mode,
    string? Event,
    EnergyTotals Totals,
    DemoCarStep SecondCar,
    Power? Grid,
    Power House,
    Power Pv);

/// <summary>The second car at one step: its schedule's set point, SoC, the charger's power, plugged in or not, its trip under way.</summary>
internal sealed record DemoCarStep(Power? PlannedPower, Percent Soc, Power ActualPower, bool Connected, string? Event);

/// <summary>A calendar event of the day, the SoC it needed at its start, what the car held then, and the car's loadpoint.</summary>
internal sealed record DemoEvent(DateTimeOffset Start, DateTimeOffset End, string Summary, Percent Target, Percent? SocAtStart, string Loadpoint)
{
    public bool Met => SocAtStart is { } soc && soc.Value >= Target.Value;
}
