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

    [Fact]
    public void With_the_pv_known_the_level_is_short_and_only_the_pv_spread_lowers_it()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(30));

        // Steady PV at 5 kW; the house switches a 2 kW load off after two minutes: surplus 1 kW, then 3 kW.
        for (var i = 0; i < 180; i++) window.Add(T0 + TimeSpan.FromSeconds(i), Power.FromWatts(i < 120 ? 1000 : 3000), Power.FromWatts(5000));

        // The last 30 s are all 3 kW and the PV did not move: nothing is taken off for the house's step.
        Assert.Equal(Power.FromWatts(3000), window.Damped());
    }

    [Fact]
    public void Clouds_in_the_pv_lower_the_target_and_second_noise_hardly()
    {
        var clouds = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(30), pvSmoothing: TimeSpan.FromSeconds(60));
        var noise = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(30), pvSmoothing: TimeSpan.FromSeconds(60));
        for (var i = 0; i < 300; i++)
        {
            var at = T0 + TimeSpan.FromSeconds(i);
            // A cloud after 2.5 minutes takes PV from 6 to 2 kW; the noise flips ±300 W (its spread) every second.
            var cloudy = i < 150 ? 6000 : 2000;
            clouds.Add(at, Power.FromWatts(3000), Power.FromWatts(cloudy));
            noise.Add(at, Power.FromWatts(3000), Power.FromWatts(4000 + (i % 2 == 0 ? 300 : -300)));
        }

        Assert.True(clouds.Damped() < Power.FromWatts(2000), $"clouds: {clouds.Damped()}");
        Assert.True(noise.Damped() > Power.FromWatts(2900), $"noise: {noise.Damped()}");
    }

    [Fact]
    public void With_a_cloudy_spread_a_clear_skys_drift_keeps_the_target_at_the_level_and_clouds_take_the_whole_margin()
    {
        var clear = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(30), cloudySpreadWatts: 1000);
        var cloudy = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(30), cloudySpreadWatts: 1000);
        for (var i = 0; i < 300; i++)
        {
            var at = T0 + TimeSpan.FromSeconds(i);
            // The afternoon's PV falls 60 W in 5 minutes (spread 17 W); clouds switch it between 6 and 2 kW (spread 2 kW).
            clear.Add(at, Power.FromWatts(3000), Power.FromWatts(5000 - i * 0.2));
            cloudy.Add(at, Power.FromWatts(3000), Power.FromWatts(i / 30 % 2 == 0 ? 6000 : 2000));
        }

        // Clear: 3000 − 1 × (17 / 1000) × 17 W, less than a watt off the level; cloudy: 3000 − 1 × 1 × 2000 W.
        Assert.InRange(clear.Damped().Watts, 2999, 3000);
        Assert.Equal(1000, cloudy.Damped().Watts, 0);
    }

    [Fact]
    public void A_sample_without_pv_brings_back_the_surplus_spread_until_it_has_left_the_window()
    {
        var window = new PvSurplusDampingWindow(TimeSpan.FromMinutes(5), 1, 300, levelWithPv: TimeSpan.FromSeconds(10));
        window.Add(T0, Power.FromWatts(1000));
        window.Add(T0 + TimeSpan.FromSeconds(60), Power.FromWatts(3000), Power.FromWatts(5000));

        // Mixed: the whole window's level (2000) less the surplus spread (1000).
        Assert.Equal(Power.FromWatts(1000), window.Damped());

        window.Add(T0 + TimeSpan.FromSeconds(301), Power.FromWatts(3000), Power.FromWatts(5000));
        Assert.Equal(Power.FromWatts(3000), window.Damped());
    }
}
