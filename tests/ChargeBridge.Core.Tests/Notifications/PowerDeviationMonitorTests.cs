using ChargeBridge.Core.Notifications;

namespace ChargeBridge.Core.Tests.Notifications;

public class PowerDeviationMonitorTests
{
    private readonly NotificationScenario _s = new();
    private readonly PowerDeviationMonitor _monitor = new();

    private bool Observe(double minutes, double setPointW, double actualW, bool release = false, bool faulted = false) =>
        _monitor.Observe(_s.Observe(minutes, setPointW: setPointW, actualW: actualW, release: release, faulted: faulted));

    [Fact]
    public void More_than_500_W_off_the_set_point_for_two_minutes_turns_it_on_once()
    {
        Assert.False(Observe(0, setPointW: 7400, actualW: 0));
        Assert.False(Observe(1, setPointW: 7400, actualW: 6800)); // 600 W off the previous step's set point
        Assert.False(Observe(1, setPointW: 7400, actualW: 6800));
        Assert.False(_monitor.IsOn);
        Assert.True(Observe(1, setPointW: 7400, actualW: 6800));
        Assert.True(_monitor.IsOn);
        Assert.Equal((7400, 6800), (_monitor.Deviation!.Value.SetPoint.Watts, _monitor.Deviation.Value.Actual.Watts));
        Assert.False(Observe(1, setPointW: 7400, actualW: 6800));
        Assert.True(_monitor.IsOn);
    }

    [Theory]
    [InlineData(6900)]
    [InlineData(7900)]
    public void Within_500_W_it_stays_off(double actualW)
    {
        Observe(0, 7400, 0);
        for (var i = 0; i < 5; i++) Observe(1, 7400, actualW);
        Assert.False(_monitor.IsOn);
    }

    [Fact]
    public void A_step_back_on_the_set_point_restarts_the_wait()
    {
        Observe(0, 3000, 0);
        Observe(1, 3000, 1000);
        Observe(1, 3000, 3000);
        Observe(1, 3000, 1000);
        Observe(1, 3000, 1000);
        Assert.False(_monitor.IsOn);
        Observe(1, 3000, 1000);
        Assert.True(_monitor.IsOn);
    }

    [Fact]
    public void Paused_or_faulted_there_is_no_set_point_to_compare_with()
    {
        Observe(0, 0, 0, release: true);
        for (var i = 0; i < 5; i++) Observe(1, 0, 7400, release: true);
        Assert.False(_monitor.IsOn);

        Observe(1, -7400, 0);
        for (var i = 0; i < 5; i++) Observe(1, -7400, 0, faulted: true);
        Assert.False(_monitor.IsOn);
    }

    [Fact]
    public void The_ramp_after_a_new_set_point_is_no_deviation_the_wait_starts_again_at_the_change()
    {
        Observe(0, 7400, 0);
        Observe(1, 7400, 6000); // off the old set point since here
        Observe(1, -7400, 6000); // the new set point is commanded
        Observe(1, -7400, 2000); // the charger ramps from charging to discharging
        Assert.False(Observe(1, -7400, -3000));
        Assert.False(_monitor.IsOn);
        Assert.True(Observe(1, -7400, -3000)); // two minutes off the new set point
    }

    [Fact]
    public void A_car_that_takes_no_power_asleep_or_full_is_no_deviation()
    {
        // The charger runs and waits for the car's demand: it cannot give power the car does not take.
        Observe(0, 7400, 0);
        for (var i = 0; i < 5; i++) Observe(1, 7400, 0);
        Assert.False(_monitor.IsOn);
        Observe(1, 7400, 4000);
        Observe(1, 7400, 4000);
        Assert.True(Observe(1, 7400, 4000));
    }
}
