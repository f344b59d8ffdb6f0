using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Control;

public class ReplanTriggersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private static readonly PlanningSnapshot Planned =
        new(T0, new ChargeSettings(), true, ChargeMode.Automatic, "cal-1", new Percent(50), T0.AddHours(-1));

    private static IReadOnlyList<ReplanReason> After(Func<PlanningSnapshot, PlanningSnapshot> change) =>
        ReplanTriggers.Evaluate(Planned, change(Planned with { At = T0.AddMinutes(5) }));

    [Fact]
    public void Start_up_plans() => Assert.Equal([ReplanReason.StartUp], ReplanTriggers.Evaluate(null, Planned));

    [Fact]
    public void Nothing_changed_within_the_watchdog_means_no_replan() => Assert.Empty(After(s => s));

    [Fact]
    public void Each_event_is_a_trigger()
    {
        Assert.Equal([ReplanReason.SettingsChanged], After(s => s with { Settings = s.Settings with { MinSoc = new(30) } }));
        Assert.Equal([ReplanReason.ModeChanged], After(s => s with { Mode = ChargeMode.MaxBoostNow }));
        Assert.Equal([ReplanReason.CalendarChanged], After(s => s with { CalendarFingerprint = "cal-2" }));
        Assert.Equal([ReplanReason.NewPrices], After(s => s with { PricesReceivedAt = T0 }));
        Assert.Equal([ReplanReason.PricesGone], After(s => s with { PricesReceivedAt = null }));
        Assert.Equal([ReplanReason.Watchdog], After(s => s with { At = T0.AddMinutes(15) }));
    }

    [Fact]
    public void Car_connected_is_a_trigger_but_disconnecting_is_not()
    {
        var unplugged = Planned with { CarConnected = false };
        Assert.Equal([ReplanReason.CarConnected], ReplanTriggers.Evaluate(unplugged, Planned with { At = T0.AddMinutes(1) }));
        Assert.Empty(After(s => s with { CarConnected = false }));
    }

    [Theory]
    [InlineData(51.9, false)]
    [InlineData(52, true)]
    [InlineData(48, true)]
    [InlineData(48.1, false)]
    public void Soc_change_of_two_points_since_the_plan_is_a_trigger(double soc, bool replan) =>
        Assert.Equal(replan, After(s => s with { Soc = new Percent(soc) }).Contains(ReplanReason.SocChanged));

    [Fact]
    public void Soc_becoming_known_or_unknown_is_a_trigger()
    {
        Assert.Contains(ReplanReason.SocChanged, After(s => s with { Soc = null }));
        Assert.Contains(ReplanReason.SocChanged, ReplanTriggers.Evaluate(Planned with { Soc = null }, Planned));
    }

    [Fact]
    public void Several_events_are_all_reported()
    {
        var reasons = After(s => s with { Mode = ChargeMode.Pause, Soc = new Percent(60), At = T0.AddHours(1) });
        Assert.Equal([ReplanReason.ModeChanged, ReplanReason.SocChanged, ReplanReason.Watchdog], reasons);
    }
}
