using ChargeBridge.Core.Site;
using ChargeBridge.Core.Tests.Fakes;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.Site;

public sealed class SiteTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    private Loadpoint Named(string name) =>
        new(LoadpointName.Parse(name, out _)!.Value, new FakeCharger(_time), VehicleSoc.FromCharger, new Percent(97));

    private SiteMeters Meters(FakeMeter? grid = null) => new(grid, null, null, new GridConnection(null, null), _time);

    [Fact]
    public void Loadpoints_need_unique_names_and_several_need_a_name_each()
    {
        Assert.Throws<ArgumentException>(() => new ChargeBridge.Core.Site.Site(Meters(), []));
        Assert.Throws<ArgumentException>(() => new ChargeBridge.Core.Site.Site(Meters(), [Named("garage"), Named("garage")]));
        var unnamed = new Loadpoint(LoadpointName.Unnamed, new FakeCharger(_time), VehicleSoc.FromCharger, new Percent(97));
        Assert.Throws<ArgumentException>(() => new ChargeBridge.Core.Site.Site(Meters(), [unnamed, Named("driveway")]));
        Assert.Single(new ChargeBridge.Core.Site.Site(Meters(), [unnamed]).Loadpoints);
    }

    [Fact]
    public async Task The_balance_takes_every_loadpoint_s_charger_power()
    {
        var garage = Named("garage");
        await garage.Charger.SetPowerAsync(Power.FromWatts(7400));
        var site = new ChargeBridge.Core.Site.Site(Meters(new FakeMeter(_time) { Next = (Power.FromWatts(9000), null) }), [garage, Named("driveway")]);
        var balance = await site.ReadAsync(default);
        Assert.Equal(Power.FromWatts(7400), balance.Loadpoints);
        Assert.Equal(Power.FromWatts(1600), balance.House);
    }
}
