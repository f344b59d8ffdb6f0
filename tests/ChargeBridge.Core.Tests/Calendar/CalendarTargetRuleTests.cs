using ChargeBridge.Core.Calendar;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using FsCheck;
using FsCheck.Fluent;

namespace ChargeBridge.Core.Tests.Calendar;

public class CalendarTargetRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1));
    private static readonly ChargeSettings Settings = new() { MinSoc = new(20), MaxSoc = new(80), Capacity = Energy.FromKilowattHours(62), ConsumptionWhPerKm = 175 };
    private static readonly Percent PracticalMax = new(97);

    private static CalendarTarget Target(string title, string description = "") =>
        CalendarTargetRule.For(new CalendarEvent(Start, Start.AddHours(2), title, description, false), Settings, PracticalMax);

    [Theory]
    [InlineData("Trip 65 %", "", 65)]
    [InlineData("Trip 65%", "", 65)]
    [InlineData("Trip", "needs 70 % please, 50 %", 70)]
    [InlineData("Trip 40 %", "90 %", 40)]
    [InlineData("Trip 42.5%", "", 42.5)]
    [InlineData("Trip 60 % and 300 km", "", 60)]
    [InlineData("300 km", "60 %", 60)]
    public void The_first_percentage_in_title_then_description_wins(string title, string description, double expected)
    {
        var t = Target(title, description);
        Assert.Equal(expected, t.Soc.Value, 6);
        Assert.Equal(TargetSource.Percent, t.Source);
    }

    [Theory]
    [InlineData("Amsterdam 177 km", "", 70)]
    [InlineData("Amsterdam", "177km there", 70)]
    [InlineData("Amsterdam 177 KM", "", 70)]
    public void A_distance_needs_min_soc_plus_the_trips_energy(string title, string description, double expected)
    {
        // 177 km × 175 Wh/km = 30.975 kWh = 49.96 % of 62 kWh, on top of the 20 % floor.
        var t = Target(title, description);
        Assert.Equal(expected, t.Soc.Value, 1);
        Assert.Equal(TargetSource.Distance, t.Source);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("Dentist", "no numbers here")]
    [InlineData("Trip -5 km", "")]
    [InlineData("Trip -5 %", "")]
    [InlineData("🚗 Ünïcödé ٣٠ %", "")]
    [InlineData("10 kms", "")]
    public void Without_a_number_the_max_soc_setting_is_the_target(string title, string description)
    {
        var t = Target(title, description);
        Assert.Equal(80, t.Soc.Value);
        Assert.Equal(TargetSource.MaxSocSetting, t.Source);
    }

    [Theory]
    [InlineData("120 %", 97)]
    [InlineData("5 %", 20)]
    [InlineData("0 %", 20)]
    [InlineData("2000 km", 97)]
    public void Targets_are_clamped_to_min_soc_and_the_practical_max(string title, double expected)
    {
        var t = Target(title);
        Assert.Equal(expected, t.Soc.Value);
        Assert.True(t.Clamped);
    }

    [Fact]
    public void Settings_with_the_practical_max_below_min_soc_give_min_soc_not_an_exception()
    {
        var e = new CalendarEvent(Start, Start.AddHours(1), "50 %", "", false);
        Assert.Equal(20, CalendarTargetRule.For(e, Settings, new Percent(10)).Soc.Value);
    }

    [Fact]
    public void Any_text_gives_a_target_within_min_and_practical_max() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), ArbMap.Default.ArbFor<string>(), (title, description) =>
            {
                var t = Target(title ?? "", description ?? "");
                return t.Soc.Value >= 20 && t.Soc.Value <= 97;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithReplay(new Replay(new Rnd(20261121), null)));
}
