using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

public class SafetyEnvelopeTests
{
    private static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Amperes, Power.FromWatts(7400), Power.FromWatts(7400));

    private static SafetySnapshot Snapshot(double? soc = 50, bool connected = true, bool faulted = false,
        ChargerCapabilities? caps = null, ChargeSettings? settings = null) =>
        new(soc is { } v ? new Percent(v) : null, connected, faulted, caps ?? Quasar,
            settings ?? new ChargeSettings { MinSoc = new(20) }, SafetySnapshot.DefaultPracticalMaxSoc);

    private static double Allowed(double watts, SafetySnapshot s) => SafetyEnvelope.Apply(Power.FromWatts(watts), s).Allowed.Watts;

    [Theory]
    [InlineData(3000, 3000)]
    [InlineData(9000, 7400)]
    [InlineData(-9000, -7400)]
    [InlineData(-2000, -2000)]
    [InlineData(0, 0)]
    public void Passes_requests_within_limits_and_clamps_the_rest(double requested, double expected) =>
        Assert.Equal(expected, Allowed(requested, Snapshot()));

    [Fact]
    public void Uses_the_lower_of_the_charger_and_the_user_limit()
    {
        var s = Snapshot(settings: new ChargeSettings { MaxChargePower = Power.FromWatts(3680), MaxDischargePower = Power.FromWatts(2300) });
        Assert.Equal(3680, Allowed(7400, s));
        Assert.Equal(-2300, Allowed(-7400, s));
    }

    [Theory]
    [InlineData(21.0)]
    [InlineData(20.5)]
    [InlineData(15)]
    public void Refuses_discharge_at_or_below_min_soc_plus_one_point(double soc)
    {
        var result = SafetyEnvelope.Apply(Power.FromWatts(-5000), Snapshot(soc));
        Assert.Equal(Power.Zero, result.Allowed);
        Assert.Contains("floor", result.Reason);
    }

    [Fact]
    public void Allows_discharge_just_above_the_floor_and_charging_below_it()
    {
        Assert.Equal(-5000, Allowed(-5000, Snapshot(21.1)));
        Assert.Equal(5000, Allowed(5000, Snapshot(10)));
    }

    [Theory]
    [InlineData(97)]
    [InlineData(99)]
    public void Stops_charging_at_or_above_the_practical_max_but_allows_discharge(double soc)
    {
        Assert.Equal(0, Allowed(5000, Snapshot(soc)));
        Assert.Equal(-5000, Allowed(-5000, Snapshot(soc)));
    }

    [Fact]
    public void Zero_without_a_car_with_a_fault_or_discharging_with_unknown_soc()
    {
        Assert.Equal(0, Allowed(5000, Snapshot(connected: false)));
        Assert.Equal(0, Allowed(-5000, Snapshot(faulted: true)));
        Assert.Equal(0, Allowed(-5000, Snapshot(soc: null)));
        Assert.Equal(5000, Allowed(5000, Snapshot(soc: null)));
        Assert.Equal(0, Allowed(double.NaN, Snapshot()));
        Assert.Equal(0, Allowed(double.PositiveInfinity, Snapshot()));
    }

    [Fact]
    public void Never_discharges_on_a_unidirectional_charger()
    {
        var caps = Quasar with { Bidirectional = false };
        Assert.Equal(0, Allowed(-3000, Snapshot(caps: caps)));
    }

    [Theory]
    [InlineData(1000, 1380)]
    [InlineData(690, 1380)]
    [InlineData(689, 0)]
    [InlineData(-1000, -1380)]
    [InlineData(-500, 0)]
    public void Rounds_below_the_charger_minimum_to_the_nearer_of_zero_and_the_minimum(double requested, double expected) =>
        Assert.Equal(expected, Allowed(requested, Snapshot()));

    [Theory]
    [InlineData(3000, 4140)]
    [InlineData(2100, 4140)]
    [InlineData(2000, 0)]
    [InlineData(5000, 5000)]
    public void A_three_phase_charger_rounds_to_its_own_minimum_of_6_A_on_three_phases(double requested, double expected)
    {
        var threePhase = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, minAmperes: 6, maxAmperes: 16);
        Assert.Equal(4140, threePhase.MinPower.Watts, 6);
        Assert.Equal(expected, Allowed(requested, Snapshot(caps: threePhase, settings: new ChargeSettings { MaxChargePower = Power.FromWatts(11000) })));
    }

    [Fact]
    public void Never_rounds_a_discharge_up_at_the_floor() =>
        Assert.Equal(0, Allowed(-1000, Snapshot(21)));

    [Fact]
    public void Reports_why_a_request_was_changed()
    {
        var result = SafetyEnvelope.Apply(Power.FromWatts(9000), Snapshot());
        Assert.True(result.Limited);
        Assert.Equal(Power.FromWatts(9000), result.Requested);
        Assert.Contains("7400 W", result.Reason);
        Assert.False(SafetyEnvelope.Apply(Power.FromWatts(3000), Snapshot()).Limited);
    }
}
