using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;
using static ChargeBridge.Core.Tests.HomePower.PvSurplusHouse;

namespace ChargeBridge.Core.Tests.HomePower;

public class PvSurplusDampingWindowTests
{
    [Fact]
    public void Damped_is_the_mean_less_k_standard_deviations()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1.5, 10);

        window.Add(T0, Power.FromWatts(2000));
        window.Add(T0 + TimeSpan.FromSeconds(10), Power.FromWatts(6000));

        // mean 4000 W, population stddev 2000 W.
        Assert.Equal(Power.FromWatts(4000 - 1.5 * 2000), window.Damped());
    }

    [Fact]
    public void A_steady_surplus_is_not_lowered_and_an_empty_window_is_zero()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 10);
        Assert.Equal(Power.Zero, window.Damped());

        for (var i = 0; i < 5; i++) window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(3000));

        Assert.Equal(Power.FromWatts(3000), window.Damped());
    }

    [Fact]
    public void Samples_older_than_the_window_drop_out()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 100);

        window.Add(T0, Power.FromWatts(-9000));
        window.Add(T0 + TimeSpan.FromMinutes(4), Power.FromWatts(3000));
        window.Add(T0 + TimeSpan.FromMinutes(6), Power.FromWatts(3000));

        Assert.Equal(2, window.Count);
        Assert.Equal(Power.FromWatts(3000), window.Damped());
    }

    [Fact]
    public void A_full_ring_drops_its_oldest_sample()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 3);

        window.Add(T0, Power.FromWatts(-9000));
        for (var i = 1; i <= 3; i++) window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(1000));

        Assert.Equal(3, window.Count);
        Assert.Equal(Power.FromWatts(1000), window.Damped());
    }

    [Fact]
    public void Clear_forgets_every_sample()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 3);
        window.Add(T0, Power.FromWatts(1000));

        window.Clear();

        Assert.Equal(0, window.Count);
        Assert.Equal(Power.Zero, window.Damped());
    }

    [Fact]
    public void Adding_in_steady_state_allocates_nothing()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300);
        for (var i = 0; i < 600; i++) window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(i));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 600; i < 1200; i++)
        {
            window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(i));
            window.Damped();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void MeanOf_averages_the_samples_younger_than_the_span()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 100);
        for (var i = 0; i < 20; i++) window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(i < 10 ? 0 : 1000));

        Assert.Equal(Power.FromWatts(1000), window.MeanOf(TimeSpan.FromSeconds(10)));
        Assert.Equal(Power.FromWatts(500), window.MeanOf(TimeSpan.FromSeconds(20)));
        // A span shorter than the pace still takes the newest sample.
        Assert.Equal(Power.FromWatts(1000), window.MeanOf(TimeSpan.Zero));
    }

    [Fact]
    public void A_shorter_level_takes_the_mean_of_the_recent_samples_and_the_spread_of_all()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 10, level: TimeSpan.FromSeconds(5));
        window.Add(T0, Power.FromWatts(2000));
        window.Add(T0 + TimeSpan.FromSeconds(10), Power.FromWatts(6000));

        // level 6000 W (the last 5 s), population stddev of both 2000 W.
        Assert.Equal(Power.FromWatts(6000 - 2000), window.Damped());
    }
}
