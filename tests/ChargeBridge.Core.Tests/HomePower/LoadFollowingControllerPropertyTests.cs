using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>FsCheck properties of load following over random grid flows, set points, SoC, limits, directions and ages.</summary>
public class LoadFollowingControllerPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LoadFollowingSettings Settings = new();

    private static readonly Gen<LoadFollowingInput> Inputs =
        from grid in Gen.Choose(-25000, 25000)
        from readingAge in Gen.Choose(0, 15)
        from lastMagnitude in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1380, 22000)))
        from lastSign in Gen.Elements(1, -1)
        from writtenAgo in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 30).Select(s => (int?)s)))
        from lastChange in Gen.Choose(0, 5000)
        from delivered in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(-22000, 22000).Select(w => (int?)w)))
        from soc in Gen.Choose(0, 1000)
        from socKnown in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from bidirectional in Gen.Elements(true, false)
        from chargerCharge in Gen.Choose(0, 22000)
        from chargerDischarge in Gen.Choose(0, 22000)
        from userCharge in Gen.Choose(1380, 22000)
        from userDischarge in Gen.Choose(0, 22000)
        from minSoc in Gen.Choose(10, 55)
        from practicalMax in Gen.Choose(60, 100)
        from phases in Gen.Elements(1, 3)
        from direction in Gen.Elements(LoadFollowingDirection.V2H, LoadFollowingDirection.S2V, LoadFollowingDirection.Both)
        select new LoadFollowingInput(
            Now,
            MeterReading.Read(Now.AddSeconds(-readingAge), Power.FromWatts(grid)),
            delivered is { } d ? Power.FromWatts(d) : null,
            // A set point in force is 0 or one the charger can hold.
            Power.FromWatts(lastSign * (lastMagnitude == 0 ? 0 : Math.Max(lastMagnitude, ChargerCapabilities.PowerAt(6, phases).Watts))),
            writtenAgo is { } ago ? Now.AddSeconds(-ago) : null,
            Power.FromWatts(lastChange),
            new ChargerCapabilities(bidirectional, SetPointUnit.Amperes, Power.FromWatts(chargerCharge), Power.FromWatts(chargerDischarge))
            {
                MinPower = ChargerCapabilities.PowerAt(6, phases), Phases = phases,
            },
            socKnown ? new Percent(soc / 10.0) : null,
            new ChargeSettings { MinSoc = new(minSoc), MaxChargePower = Power.FromWatts(userCharge), MaxDischargePower = Power.FromWatts(userDischarge) },
            new Percent(practicalMax),
            direction);

    private static void Check(Func<LoadFollowingInput, LoadFollowingDecision, bool> property) =>
        Prop.ForAll(Inputs.ToArbitrary(), input => property(input, LoadFollowingController.Decide(input, Settings)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithReplay(new Replay(new Rnd(20261206), null)));

    [Fact]
    public void Never_beyond_the_charger_or_user_limits() =>
        Check((input, decision) =>
            decision.SetPoint.Watts <= Math.Min(input.Capabilities.MaxChargePower.Watts, input.Settings.MaxChargePower.Watts)
            && -decision.SetPoint.Watts <= (input.Capabilities.Bidirectional
                ? Math.Min(input.Capabilities.MaxDischargePower.Watts, input.Settings.MaxDischargePower.Watts)
                : 0));

    [Fact]
    public void Never_discharges_at_or_below_min_soc_plus_the_margin_or_with_unknown_soc() =>
        Check((input, decision) =>
            !decision.SetPoint.IsDischarging
            || (input.Soc is { } soc && soc.Value > input.Settings.MinSoc.Value + Settings.MinSocMargin.Value));

    [Fact]
    public void Never_charges_at_or_above_the_practical_max() =>
        Check((input, decision) => !decision.SetPoint.IsCharging || input.Soc is not { } soc || soc < input.PracticalMaxSoc);

    [Fact]
    public void Keeps_to_the_direction() =>
        Check((input, decision) => input.Direction switch
        {
            LoadFollowingDirection.V2H => !decision.SetPoint.IsCharging,
            LoadFollowingDirection.S2V => !decision.SetPoint.IsDischarging,
            _ => true,
        });

    [Fact]
    public void Is_zero_or_at_least_the_charger_minimum() =>
        Check((input, decision) => decision.SetPoint == Power.Zero || decision.SetPoint.Abs() >= input.Capabilities.MinPower);

    [Fact]
    public void A_stale_meter_gives_zero() =>
        Check((input, decision) =>
            input.Grid.HealthAt(input.Now, Settings.MeterStaleAfter) == MeterHealth.Ok
            || (decision.SetPoint == Power.Zero && decision.Reason == LoadFollowingReason.StaleMeter));

    [Fact]
    public void Moves_by_at_most_one_step_unless_it_cuts_the_power_or_starts_at_the_minimum() =>
        Check((input, decision) =>
            decision.Change <= Settings.MaxStep
            || decision.SetPoint == Power.Zero
            || (Math.Sign(decision.SetPoint.Watts) == Math.Sign(input.LastSetPoint.Watts) && decision.SetPoint.Abs() < input.LastSetPoint.Abs())
            || decision.SetPoint.Abs() == input.Capabilities.MinPower);
}
