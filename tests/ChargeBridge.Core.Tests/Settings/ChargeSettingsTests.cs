using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Settings;

public class ChargeSettingsTests
{
    private static readonly Power ChargerMax = Power.FromWatts(7400);

    [Fact]
    public void Within_a_charge_only_charger_no_discharge_is_planned_and_no_power_exceeds_the_charger()
    {
        var settings = new ChargeSettings { MaxChargePower = Power.FromWatts(11000), MaxDischargePower = Power.FromWatts(7400) };
        var chargeOnly = settings.Within(ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, 6, 16));
        Assert.Equal(Power.Zero, chargeOnly.MaxDischargePower);
        Assert.Equal(Power.FromWatts(11000), chargeOnly.MaxChargePower);
        var small = settings.Within(new ChargerCapabilities(true, SetPointUnit.Watts, Power.FromWatts(3680), Power.FromWatts(3680)));
        Assert.Equal((Power.FromWatts(3680), Power.FromWatts(3680)), (small.MaxChargePower, small.MaxDischargePower));
    }

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new ChargeSettings().Validate(ChargerMax));

    public static TheoryData<ChargeSettings, string> OutOfRange => new()
    {
        { new ChargeSettings { MinSoc = new Percent(9) }, "min_soc" },
        { new ChargeSettings { MinSoc = new Percent(56) }, "min_soc" },
        { new ChargeSettings { MaxSoc = new Percent(59) }, "max_soc" },
        { new ChargeSettings { MaxSoc = new Percent(96) }, "max_soc" },
        { new ChargeSettings { AllowedTimeAboveMax = TimeSpan.FromMinutes(30) }, "allowed_time_above_max" },
        { new ChargeSettings { AllowedTimeAboveMax = TimeSpan.FromHours(13) }, "allowed_time_above_max" },
        { new ChargeSettings { Capacity = Energy.FromKilowattHours(9) }, "capacity" },
        { new ChargeSettings { Capacity = Energy.FromKilowattHours(201) }, "capacity" },
        { new ChargeSettings { ConsumptionWhPerKm = 99 }, "consumption" },
        { new ChargeSettings { ConsumptionWhPerKm = 401 }, "consumption" },
        { new ChargeSettings { RoundTripEfficiency = new Percent(49) }, "round_trip_efficiency" },
        { new ChargeSettings { RoundTripEfficiency = new Percent(double.NaN) }, "round_trip_efficiency" },
        { new ChargeSettings { MaxChargePower = Power.FromWatts(1000) }, "max_charge_power" },
        { new ChargeSettings { MaxChargePower = Power.FromWatts(7401) }, "max_charge_power" },
        { new ChargeSettings { MaxDischargePower = Power.FromWatts(1379) }, "max_discharge_power" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_out_of_range_setting_is_named_in_the_error(ChargeSettings settings, string name)
    {
        var error = Assert.Single(settings.Validate(ChargerMax));
        Assert.Equal(name, error.Setting);
        var thrown = Assert.Throws<ArgumentException>(() => settings.EnsureValid(ChargerMax));
        Assert.Contains(name, thrown.Message);
    }

    [Fact]
    public void Zero_discharge_power_means_a_charger_that_cannot_discharge() =>
        Assert.Empty(new ChargeSettings { MaxDischargePower = Power.Zero }.Validate(ChargerMax));

    [Fact]
    public void The_round_trip_is_split_evenly_between_charging_and_discharging()
    {
        var s = new ChargeSettings { RoundTripEfficiency = new Percent(85) };
        Assert.Equal(0.85, s.ChargeEfficiency * s.DischargeEfficiency, 12);
        Assert.Equal(s.ChargeEfficiency, s.DischargeEfficiency);
    }
}
