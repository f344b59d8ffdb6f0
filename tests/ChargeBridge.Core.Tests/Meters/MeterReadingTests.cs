using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Meters;

public sealed class MeterReadingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_meter_never_read_is_unknown() => Assert.Equal(MeterHealth.Unknown, MeterReading.None.HealthAt(T0, StaleAfter));

    [Fact]
    public void A_failed_read_keeps_the_last_value_which_is_degraded_while_young_and_stale_once_old()
    {
        var good = MeterReading.Read(T0, Power.FromWatts(-620));
        Assert.Equal(MeterHealth.Ok, good.HealthAt(T0.AddSeconds(5), StaleAfter));

        var failed = good.Failed(T0.AddSeconds(10), "timed out after 3 s");
        Assert.Equal(Power.FromWatts(-620), failed.Power);
        Assert.Equal(T0, failed.At);
        Assert.Equal("timed out after 3 s", failed.Problem);
        Assert.Equal(MeterHealth.Degraded, failed.HealthAt(T0.AddSeconds(30), StaleAfter));
        Assert.Equal(MeterHealth.Stale, failed.HealthAt(T0.AddSeconds(31), StaleAfter));
    }

    [Fact]
    public void A_good_value_that_is_not_renewed_goes_stale_too() =>
        Assert.Equal(MeterHealth.Stale, MeterReading.Read(T0, Power.FromWatts(300)).HealthAt(T0.AddMinutes(5), StaleAfter));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_value_that_is_not_a_number_is_unknown(double watts) =>
        Assert.Equal(MeterHealth.Unknown, MeterReading.Read(T0, Power.FromWatts(watts)).HealthAt(T0, StaleAfter));
}
