using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;
using static ChargeBridge.Core.Tests.HomePower.PvSurplusHouse;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// FsCheck properties over random runs of a house: meter values, staleness, house battery, car SoC and plug, mode,
/// charger limits, with the phases following the phase switch whenever it does not ask to stop first.
/// </summary>
public class PvSurplusPropertyTests
{
    private sealed record Moment(int Seconds, int GridWatts, bool Stale, int? BatteryWatts, int BatterySoc, bool Connected, int? CarSoc, int PracticalMax, bool MinPlusSolar);

    private sealed record Run(int Phases, int MinAmperes, int MaxAmperes, bool CanSwitch, Moment[] Moments);

    private sealed record Outcome(ChargerCapabilities Capabilities, PvSurplusInput Input, PvSurplusDecision Surplus, PhaseSwitchDecision Phase);

    private static readonly Gen<Moment> Moments =
        from seconds in Gen.Choose(1, 120)
        from grid in Gen.Choose(-15000, 15000)
        from stale in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from battery in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(-3000, 3000).Select(w => (int?)w)))
        from batterySoc in Gen.Choose(0, 100)
        from connected in Gen.Frequency((1, Gen.Constant(false)), (19, Gen.Constant(true)))
        from carSoc in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 100).Select(s => (int?)s)))
        from practicalMax in Gen.Choose(60, 100)
        from minPlusSolar in Gen.Elements(true, false)
        select new Moment(seconds, grid, stale, battery, batterySoc, connected, carSoc, practicalMax, minPlusSolar);

    private static readonly Gen<Run> Runs =
        from phases in Gen.Elements(1, 3)
        from minAmperes in Gen.Choose(6, 10)
        from maxAmperes in Gen.Choose(6, 32)
        from canSwitch in Gen.Elements(true, false)
        from moments in Gen.ArrayOf(Moments, 60)
        select new Run(phases, minAmperes, maxAmperes, canSwitch, moments);

    private static IEnumerable<Outcome> Play(Run run)
    {
        var settings = new PvSurplusSettings();
        var surplusController = new PvSurplusController(settings);
        var phaseController = new PhaseSwitchController(settings);
        var phases = run.Phases;
        var car = Power.Zero;
        var now = T0;
        foreach (var m in run.Moments)
        {
            now += TimeSpan.FromSeconds(m.Seconds);
            var capabilities = ChargerCapabilities.ForCurrent(false, phases, run.MinAmperes, run.MaxAmperes, run.CanSwitch);
            var grid = MeterReading.Read(m.Stale ? now - TimeSpan.FromMinutes(1) : now, Power.FromWatts(m.GridWatts));
            var input = new PvSurplusInput(now, grid, car, capabilities, m.MinPlusSolar ? PvSurplusMode.MinPlusSolar : PvSurplusMode.SolarOnly)
            {
                CarConnected = m.Connected,
                BatteryPower = m.BatteryWatts is { } b ? Power.FromWatts(b) : null,
                BatterySoc = new Percent(m.BatterySoc),
                CarSoc = m.CarSoc is { } s ? new Percent(s) : null,
                PracticalMaxSoc = new Percent(m.PracticalMax),
            };
            var surplus = surplusController.Step(input);
            var known = surplus.Reason is not (PvSurplusReason.StaleMeter or PvSurplusReason.NotConnected or PvSurplusReason.Full);
            var phase = phaseController.Step(new PhaseSwitchInput(now, known ? surplus.Surplus : null, car, capabilities));
            yield return new Outcome(capabilities, input, surplus, phase);

            // The caller: stop first when asked, switch once idle, otherwise follow the set point.
            if (phase.Phases != phases && phase.StopFirst) car = Power.Zero;
            else if (phase.Phases != phases) phases = phase.Phases;
            else car = surplus.SetPoint;
        }
    }

    private static void Check(Func<Outcome, bool> property) =>
        Prop.ForAll(Runs.ToArbitrary(), run => Play(run).All(property))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500).WithReplay(new Replay(new Rnd(20261206), null)));

    [Fact]
    public void The_set_point_is_zero_or_within_the_limits_of_the_phases_in_use() =>
        Check(o => o.Surplus.SetPoint == Power.Zero
            || (o.Surplus.SetPoint >= o.Capabilities.MinPower && o.Surplus.SetPoint <= o.Capabilities.MaxChargePower));

    [Fact]
    public void The_set_point_is_whole_amperes_on_the_phases_in_use() =>
        Check(o => Math.Abs(o.Capabilities.AmperesFor(o.Surplus.SetPoint) - Math.Round(o.Capabilities.AmperesFor(o.Surplus.SetPoint))) < 1e-9);

    [Fact]
    public void Min_plus_solar_never_goes_below_the_minimum_while_a_car_is_connected_and_not_full() =>
        Check(o => o.Input.Mode != PvSurplusMode.MinPlusSolar || !o.Input.CarConnected
            || o.Input.CarSoc >= o.Input.PracticalMaxSoc || o.Capabilities.MaxChargePower < o.Capabilities.MinPower
            || o.Surplus.SetPoint >= o.Capabilities.MinPower);

    [Fact]
    public void Nothing_without_a_car_for_a_full_car_or_from_a_stale_meter_in_solar_only() =>
        Check(o => o.Surplus.SetPoint == Power.Zero
            || (o.Input.CarConnected && !(o.Input.CarSoc >= o.Input.PracticalMaxSoc)
                && (o.Input.Mode == PvSurplusMode.MinPlusSolar || o.Surplus.Reason != PvSurplusReason.StaleMeter)));

    [Fact]
    public void Phases_are_never_switched_while_power_flows() =>
        Check(o => o.Phase.Phases == o.Capabilities.Phases || o.Phase.StopFirst == o.Input.CarPower >= new PvSurplusSettings().IdleBelow);

    [Fact]
    public void Only_a_charger_that_can_switch_is_asked_to() =>
        Check(o => o.Capabilities.CanSwitchPhases || o.Phase.Phases == o.Capabilities.Phases);
}
