using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Control;

/// <summary>FsCheck properties of the charge-mode state machine over random modes, SoC, plug states and schedules.</summary>
public class ChargeModeControllerPropertyTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 18, 0, 0, TimeSpan.Zero);

    private static readonly Gen<ControlInput> Inputs =
        from mode in Gen.Elements(Enum.GetValues<ChargeMode>())
        from soc in Gen.Choose(0, 1000)
        from socKnown in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from connected in Gen.Elements(true, false)
        from wasConnected in Gen.Elements(true, false)
        from faulted in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        from scheduled in Gen.Choose(-30000, 30000)
        from hasSchedule in Gen.Elements(true, false)
        from minSoc in Gen.Choose(10, 55)
        from chargerMax in Gen.Choose(0, 22000)
        from bidirectional in Gen.Elements(true, false)
        select new ControlInput(At, mode, socKnown ? new Percent(soc / 10.0) : null, connected, wasConnected, faulted,
            hasSchedule ? Power.FromWatts(scheduled) : null, new ChargeSettings { MinSoc = new(minSoc) },
            new ChargerCapabilities(bidirectional, SetPointUnit.Amperes, Power.FromWatts(chargerMax), Power.FromWatts(chargerMax)),
            SafetySnapshot.DefaultPracticalMaxSoc);

    private static void Check(Func<ControlInput, ControlDecision, bool> property) =>
        Prop.ForAll(Inputs.ToArbitrary(), input => property(input, ChargeModeController.Decide(input)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithReplay(new Replay(new Rnd(20261121), null)));

    [Fact]
    public void Every_power_command_is_one_the_safety_envelope_allows() =>
        Check((input, d) => d.Command.Kind == ChargerCommandKind.ReleaseToApp
            ? d.Mode == ChargeMode.Pause && d.Command.SetPoint == Power.Zero
            : SafetyEnvelope.Apply(d.Command.SetPoint, input.Safety).Allowed == d.Command.SetPoint);

    [Fact]
    public void Never_discharges_at_or_below_the_floor_in_any_mode() =>
        Check((input, d) => !d.Command.SetPoint.IsDischarging || (input.Soc is { } soc && soc.Value > input.Settings.MinSoc.Value + 1));

    [Fact]
    public void Modes_only_fall_back_to_automatic_and_never_to_another_one() =>
        Check((input, d) => d.Mode == input.Mode || d.Mode == ChargeMode.Automatic);

    [Fact]
    public void Unplugging_never_leaves_boost_or_discharge_running() =>
        Check((input, d) => input.CarConnected || !input.WasConnected
            || d.Mode is not (ChargeMode.MaxBoostNow or ChargeMode.MaxDischargeNow));
}
