using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Site;

public sealed class SiteBalanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly GridConnection Fuse = new(Power.FromWatts(17250), null);

    private static MeterReading W(double watts, int secondsOld = 1) => MeterReading.Read(Now.AddSeconds(-secondsOld), Power.FromWatts(watts));

    [Fact]
    public void The_house_is_the_grid_plus_pv_production_minus_the_battery_and_the_cars()
    {
        // 1.2 kW imported, 4 kW of PV, the house battery charging at 0.8 kW, one car charging at 3.7 kW, one discharging at 0.5 kW.
        var balance = SiteBalance.Of(new SiteReadings(Now, W(1200), W(-4000), W(800), [Power.FromWatts(3700), Power.FromWatts(-500)]), Fuse);
        Assert.Equal(1200 + 4000 - 800 - 3200, balance.House!.Value.Watts, 6);
        Assert.Equal(3200, balance.Loadpoints.Watts, 6);
        Assert.Equal(17250 - 1200, balance.ImportHeadroom!.Value.Watts, 6);
        Assert.Equal(MeterHealth.Ok, balance.GridHealth);
        Assert.Empty(balance.Problems);
    }

    [Fact]
    public void Without_pv_and_battery_meters_the_house_is_the_grid_minus_the_cars()
    {
        var balance = SiteBalance.Of(new SiteReadings(Now, W(-300), null, null, [Power.FromWatts(-2000)]), GridConnection.Unlimited);
        Assert.Equal(1700, balance.House!.Value.Watts, 6);
        Assert.Null(balance.ImportHeadroom);
    }

    [Fact]
    public void A_stale_grid_meter_gives_no_house_and_no_headroom_and_says_why()
    {
        var stale = W(1200, secondsOld: 31).Failed(Now, "connection refused");
        var balance = SiteBalance.Of(new SiteReadings(Now, stale, null, null, []), Fuse);
        Assert.Null(balance.Grid);
        Assert.Null(balance.House);
        Assert.Null(balance.ImportHeadroom);
        Assert.Equal(MeterHealth.Stale, balance.GridHealth);
        Assert.Contains("connection refused", Assert.Single(balance.Problems));
    }

    [Fact]
    public void A_stale_pv_meter_leaves_the_grid_but_not_the_house()
    {
        var balance = SiteBalance.Of(new SiteReadings(Now, W(500), W(-3000, secondsOld: 120), null, []), Fuse);
        Assert.Equal(500, balance.Grid!.Value.Watts, 6);
        Assert.Null(balance.House);
        Assert.Single(balance.Problems);
    }
}
