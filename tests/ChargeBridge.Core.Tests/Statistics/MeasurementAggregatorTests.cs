using ChargeBridge.Core.Units;
using ChargeBridge.Core.Statistics;

namespace ChargeBridge.Core.Tests.Statistics;

public sealed class MeasurementAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Averages_are_weighted_by_how_long_each_sample_held()
    {
        var aggregator = new MeasurementAggregator();
        aggregator.Add(new MeasurementSample(T0, Power.Zero, new Percent(50), true));
        aggregator.Add(new MeasurementSample(T0.AddMinutes(1), Power.FromWatts(7400), new Percent(50), true));
        aggregator.Add(new MeasurementSample(T0.AddMinutes(4), Power.FromWatts(-3700), new Percent(60), false));

        var done = aggregator.Add(new MeasurementSample(T0.AddMinutes(5), Power.Zero, new Percent(60), true));

        var interval = Assert.Single(done);
        Assert.Equal(T0, interval.Start);
        Assert.Equal((7400.0 * 3 - 3700) / 5 / 1e6, interval.PowerMegawatts, 12);
        Assert.Equal(52, interval.SocPercent, 9);
        Assert.Equal(80, interval.AvailabilityPercent, 9);
    }

    [Fact]
    public void A_sample_spanning_boundaries_fills_each_interval_and_a_long_silence_leaves_a_gap()
    {
        var aggregator = new MeasurementAggregator();
        aggregator.Add(new MeasurementSample(T0.AddMinutes(3), Power.FromWatts(1000), new Percent(40), true));

        var afterShortWait = aggregator.Add(new MeasurementSample(T0.AddMinutes(7), Power.FromWatts(2000), new Percent(41), true));
        var afterSilence = aggregator.Add(new MeasurementSample(T0.AddMinutes(40), Power.Zero, new Percent(41), true));

        Assert.Equal([T0], afterShortWait.Select(i => i.Start));
        Assert.Equal(0.001, afterShortWait[0].PowerMegawatts, 12);
        // 05:00-07:00 at 1 kW, then 2 kW held for 5 min (07:00-12:00), then nothing observed until 40:00.
        Assert.Equal([T0.AddMinutes(5), T0.AddMinutes(10)], afterSilence.Select(i => i.Start));
        Assert.Equal((1000.0 * 2 + 2000 * 3) / 5 / 1e6, afterSilence[0].PowerMegawatts, 12);
        Assert.Equal(0.002, afterSilence[1].PowerMegawatts, 12);
    }

    [Fact]
    public void Samples_out_of_order_are_refused()
    {
        var aggregator = new MeasurementAggregator();
        aggregator.Add(new MeasurementSample(T0.AddMinutes(3), Power.Zero, new Percent(40), true));

        Assert.Throws<ArgumentException>(() => aggregator.Add(new MeasurementSample(T0, Power.Zero, new Percent(40), true)));
    }

    [Fact]
    public void The_site_s_power_is_averaged_over_the_same_time_and_missing_for_an_interval_with_an_unread_second()
    {
        var aggregator = new MeasurementAggregator();
        SitePower Site(double grid, double loadpoints) => new(Power.FromWatts(grid), Power.FromWatts(loadpoints));
        var done = new List<MeasurementInterval>();
        done.AddRange(aggregator.Add(new MeasurementSample(T0, Power.FromWatts(3000), new Percent(50), true, Site(-1000, 3000))));
        done.AddRange(aggregator.Add(new MeasurementSample(T0.AddMinutes(4), Power.FromWatts(3000), new Percent(50), true, Site(4000, 3000))));
        // The second interval: 4 minutes with a reading, its last minute without one.
        done.AddRange(aggregator.Add(new MeasurementSample(T0.AddMinutes(5), Power.FromWatts(3000), new Percent(50), true, Site(0, 3000))));
        done.AddRange(aggregator.Add(new MeasurementSample(T0.AddMinutes(9), Power.FromWatts(3000), new Percent(50), true)));
        done.AddRange(aggregator.Add(new MeasurementSample(T0.AddMinutes(10), Power.Zero, new Percent(50), true, Site(0, 0))));

        Assert.Equal(2, done.Count);
        Assert.Equal(Site((-1000.0 * 4 + 4000) / 5, 3000), done[0].Site);
        Assert.Null(done[1].Site);
    }
}
