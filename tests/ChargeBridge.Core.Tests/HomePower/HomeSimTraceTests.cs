using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

public class HomeSimTraceTests
{
    private static readonly HomeSimTrace SummerDay = HomeSimTraceReaderTests.Konstanz(new DateOnly(2016, 6, 14));

    [Theory]
    [InlineData(1, false)]
    [InlineData(10, false)]
    [InlineData(10, true)]
    public void Resampling_keeps_each_intervals_energy(int paceSeconds, bool noisy)
    {
        var pace = TimeSpan.FromSeconds(paceSeconds);
        var fine = SummerDay.Resample(pace, noisy ? HomeSimNoise.Default : null);
        var perHour = 3600 / paceSeconds;

        Assert.Equal(SummerDay.Count * perHour, fine.Count);
        Assert.Equal(pace, fine.Step);
        for (var h = 0; h < SummerDay.Count; h++)
        {
            Assert.Equal(SummerDay.House[h].Watts, fine.House.Skip(h * perHour).Take(perHour).Average(p => p.Watts), 6);
            Assert.Equal(SummerDay.Pv[h].Watts, fine.Pv.Skip(h * perHour).Take(perHour).Average(p => p.Watts), 6);
        }
        Assert.Equal(SummerDay.PvEnergy.KilowattHours, fine.PvEnergy.KilowattHours, 9);
        Assert.All(fine.Pv, p => Assert.True(p.Watts >= 0));
    }

    [Fact]
    public void Resampling_moves_linearly_between_interval_midpoints()
    {
        var coarse = new HomeSimTrace(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(4),
            [Power.FromWatts(100), Power.FromWatts(300)], [Power.Zero, Power.Zero]);

        var fine = coarse.Resample(TimeSpan.FromSeconds(1));

        // Before rescaling: 100, 100, 125, 175 | 225, 275, 300, 300; each half is then scaled back to its mean.
        var first = new[] { 100, 100, 125, 175 }.Select(w => w * 400.0 / 500).ToArray();
        var second = new[] { 225, 275, 300, 300 }.Select(w => w * 1200.0 / 1100).ToArray();
        Assert.Equal(first.Concat(second), fine.House.Select(p => p.Watts), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Seeded_noise_is_reproducible_and_the_seed_matters()
    {
        var pace = TimeSpan.FromSeconds(5);
        var a = SummerDay.Resample(pace, new HomeSimNoise(7, 0.2, 0.1));
        var b = SummerDay.Resample(pace, new HomeSimNoise(7, 0.2, 0.1));
        var c = SummerDay.Resample(pace, new HomeSimNoise(8, 0.2, 0.1));
        var smooth = SummerDay.Resample(pace);

        Assert.Equal(a.House, b.House);
        Assert.Equal(a.Pv, b.Pv);
        Assert.NotEqual(a.House, c.House);
        Assert.NotEqual(a.House, smooth.House);
    }

    [Fact]
    public void A_pace_that_does_not_divide_the_step_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SummerDay.Resample(TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public void Combine_takes_the_house_from_one_trace_and_scaled_pv_from_the_other()
    {
        var pace = TimeSpan.FromSeconds(10);
        var house = HomeSimTraceReaderTests.Amsterdam(24378, new DateOnly(2020, 1, 2)).Resample(pace);
        var pv = SummerDay.Resample(pace);
        var scale = HomeSimTraceReader.KonstanzPvScale(Power.FromKilowatts(5));

        var day = HomeSimTrace.Combine(house, pv, scale);

        Assert.Equal(house.Start, day.Start);
        Assert.Equal(house.House, day.House);
        Assert.Equal(pv.PvEnergy.KilowattHours * 5 / 9.5, day.PvEnergy.KilowattHours, 9);
        Assert.Throws<ArgumentException>(() => HomeSimTrace.Combine(house, SummerDay, scale));
    }

    [Fact]
    public void Between_takes_a_window_of_whole_steps()
    {
        var evening = SummerDay.Between(SummerDay.Start + TimeSpan.FromHours(16), SummerDay.Start + TimeSpan.FromHours(23));

        Assert.Equal(SummerDay.Start + TimeSpan.FromHours(16), evening.Start);
        Assert.Equal(7, evening.Count);
        Assert.Equal(SummerDay.House[16], evening.House[0]);
        Assert.Equal(SummerDay.Pv[22], evening.Pv[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => SummerDay.Between(SummerDay.Start + TimeSpan.FromMinutes(30), SummerDay.End));
        Assert.Throws<ArgumentOutOfRangeException>(() => SummerDay.Between(SummerDay.Start, SummerDay.End + TimeSpan.FromHours(1)));
    }
}
