using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Tests.Fakes;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.Site;

public sealed class SiteMetersTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private static Power W(double watts) => Power.FromWatts(watts);

    [Fact]
    public async Task The_house_is_what_the_grid_meter_sees_less_pv_battery_and_the_loadpoints()
    {
        var (grid, pv, battery) = (new FakeMeter(_time) { Next = (W(5200), null) }, new FakeMeter(_time) { Next = (W(-3000), null) },
            new FakeMeter(_time) { Next = (W(1000), null) });
        var site = new SiteMeters(grid, pv, battery, new GridConnection(W(17250), null), _time);
        var balance = await site.ReadAsync([W(7400), W(-1000)], default);
        Assert.Equal(W(5200 + 3000 - 1000 - 6400), balance.House);
        Assert.Equal(W(17250 - 5200), balance.ImportHeadroom);
        Assert.Equal(MeterHealth.Ok, balance.GridHealth);
        Assert.Empty(balance.Problems);
    }

    [Fact]
    public async Task A_failing_grid_meter_is_used_while_young_and_then_goes_stale_with_its_reason()
    {
        var grid = new FakeMeter(_time) { Next = (W(800), null) };
        var site = new SiteMeters(grid, null, null, new GridConnection(null, null) { MeterStaleAfter = TimeSpan.FromSeconds(30) }, _time);
        await site.ReadAsync([], default);
        grid.Next = (null, "timed out after 5 s");

        _time.Advance(TimeSpan.FromSeconds(20));
        var young = await site.ReadAsync([], default);
        Assert.Equal(MeterHealth.Degraded, young.GridHealth);
        Assert.Equal(W(800), young.House);

        _time.Advance(TimeSpan.FromSeconds(11));
        var stale = await site.ReadAsync([], default);
        Assert.Equal(MeterHealth.Stale, stale.GridHealth);
        Assert.Null(stale.House);
        Assert.Contains("timed out after 5 s", Assert.Single(stale.Problems));
    }

    [Fact]
    public async Task A_meter_that_throws_counts_as_a_failed_read_and_the_others_are_still_read()
    {
        var grid = new FakeMeter(_time) { Next = (W(400), null) };
        var pv = new FakeMeter(_time) { Throws = new InvalidOperationException("driver bug") };
        var site = new SiteMeters(grid, pv, null, new GridConnection(null, null), _time);
        var balance = await site.ReadAsync([], default);
        Assert.Equal(W(400), balance.Grid);
        Assert.Null(balance.House);
        Assert.Contains("driver bug", Assert.Single(balance.Problems));
        Assert.Equal(1, grid.Reads);
    }
}
