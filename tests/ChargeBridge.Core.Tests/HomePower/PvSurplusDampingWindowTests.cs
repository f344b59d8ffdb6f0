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
}
