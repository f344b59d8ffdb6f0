using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Control;

/// <summary>FsCheck properties of the safety envelope over random requests, SoC, limits and charger states.</summary>
public class SafetyEnvelopePropertyTests
{
    private static readonly Gen<(Power Requested, SafetySnapshot Snapshot)> Cases =
        from requested in Gen.Choose(-30000, 30000)
        from soc in Gen.Choose(0, 1000)
        from socKnown in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from connected in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from faulted in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from bidirectional in Gen.Elements(true, false)
        from chargerCharge in Gen.Choose(0, 22000)
        from chargerDischarge in Gen.Choose(0, 22000)
        from userCharge in Gen.Choose(1380, 22000)
        from userDischarge in Gen.Choose(0, 22000)
        from minSoc in Gen.Choose(10, 55)
        from practicalMax in Gen.Choose(60, 100)
        from phases in Gen.Elements(1, 3)
        select (Power.FromWatts(requested), new SafetySnapshot(
            socKnown ? new Percent(soc / 10.0) : null, connected, faulted,
            new ChargerCapabilities(bidirectional, SetPointUnit.Amperes, Power.FromWatts(chargerCharge), Power.FromWatts(chargerDischarge))
            {
                MinPower = ChargerCapabilities.PowerAt(6, phases), Phases = phases,
            },
            new ChargeSettings { MinSoc = new(minSoc), MaxChargePower = Power.FromWatts(userCharge), MaxDischargePower = Power.FromWatts(userDischarge) },
            new Percent(practicalMax)));

    private static void Check(Func<Power, SafetySnapshot, Power, bool> property) =>
        Prop.ForAll(Cases.ToArbitrary(), c => property(c.Requested, c.Snapshot, SafetyEnvelope.Apply(c.Requested, c.Snapshot).Allowed))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithReplay(new Replay(new Rnd(20261121), null)));

    [Fact]
    public void Never_outside_the_charger_or_user_limits() =>
        Check((_, s, allowed) =>
            allowed.Watts <= Math.Min(s.Capabilities.MaxChargePower.Watts, s.Settings.MaxChargePower.Watts)
            && -allowed.Watts <= (s.Capabilities.Bidirectional
                ? Math.Min(s.Capabilities.MaxDischargePower.Watts, s.Settings.MaxDischargePower.Watts)
                : 0));

    [Fact]
    public void Never_discharges_at_or_below_the_floor_or_with_unknown_soc() =>
        Check((_, s, allowed) => !allowed.IsDischarging || (s.Soc is { } soc && soc.Value > s.Settings.MinSoc.Value + 1));

    [Fact]
    public void Never_charges_at_or_above_the_practical_max() =>
        Check((_, s, allowed) => !allowed.IsCharging || s.Soc is not { } soc || soc < s.PracticalMaxSoc);

    [Fact]
    public void Zero_without_a_car_or_with_a_fault() =>
        Check((_, s, allowed) => (s.CarConnected && !s.Faulted) || allowed == Power.Zero);

    [Fact]
    public void Never_reverses_direction_and_is_zero_or_at_least_the_charger_minimum() =>
        Check((requested, snapshot, allowed) =>
            Math.Sign(allowed.Watts) is var sign && (sign == 0 || sign == Math.Sign(requested.Watts))
            && (allowed == Power.Zero || allowed.Abs() >= snapshot.Capabilities.MinPower));
}
