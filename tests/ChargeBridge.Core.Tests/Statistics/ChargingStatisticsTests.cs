using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.Statistics;

/// <summary>The statistics' rules without a file: what an observation changes and how a session ends (the stored
/// statistics around them are tested in the V2G app's tests).</summary>
public sealed class ChargingStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChargeSettings Settings = new();

    private static TimeSeries<EnergyPrice> Flat(double eurPerKwh) =>
        new(Enumerable.Range(0, 24).Select(h => new TimePoint<EnergyPrice>(T0.AddHours(h), new EnergyPrice(eurPerKwh))), TimeSpan.FromHours(1));

    private static StatisticsUpdate Charge(ChargingStatistics stats, int minutes, TimeSeries<EnergyPrice>? prices)
    {
        var last = StatisticsUpdate.None;
        for (var m = 0; m <= minutes; m++)
            last = stats.Record(T0.AddMinutes(m), Power.FromWatts(7400), true, new Percent(40 + m / 10.0), prices, Settings) is { Changed: true } u ? u : last;
        return last;
    }

    [Fact]
    public void A_session_with_prices_ends_with_its_savings_and_the_state_holds_every_interval()
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        Assert.True(Charge(stats, 60, Flat(0.25)).Changed);
        var end = stats.Record(T0.AddMinutes(61), Power.Zero, false, null, Flat(0.25), Settings);
        Assert.Equal(T0, end.SessionStart);
        Assert.NotNull(end.Savings);
        Assert.Null(end.NotCompared);
        Assert.Null(stats.State.Session);
        Assert.Equal(7.4, stats.State.Lifetime.Charged.KilowattHours, 6);
        Assert.Equal(7.4 * 0.25, stats.State.Lifetime.ChargingCostEur, 6);
    }

    [Theory]
    [InlineData(0.05, 0.05)]
    [InlineData(null, 0.25)]
    public void Discharged_energy_earns_the_sell_price_or_without_one_the_net_price(double? sell, double earned)
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        for (var m = 0; m <= 61; m++)
            stats.Record(T0.AddMinutes(m), Power.FromWatts(-7400), true, new Percent(80 - m / 10.0), Flat(0.25), Settings, sellPrices: sell is { } s ? Flat(s) : null);

        Assert.Equal(7.4, stats.State.Lifetime.Discharged.KilowattHours, 6);
        Assert.Equal(7.4 * earned, stats.State.Lifetime.DischargeRevenueEur, 6);
    }

    [Fact]
    public void A_session_too_short_to_count_an_interval_is_not_compared_and_says_why()
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        stats.Record(T0, Power.FromWatts(7400), true, new Percent(40), Flat(0.25), Settings);
        var end = stats.Record(T0.AddMinutes(2), Power.Zero, false, null, Flat(0.25), Settings);
        Assert.Equal((T0, "no prices"), (end.SessionStart, end.NotCompared));
        Assert.Null(end.Savings);
    }

    [Fact]
    public void A_restart_goes_on_from_the_saved_state_with_the_session_under_way()
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        Charge(stats, 30, Flat(0.25));
        var restarted = new ChargingStatistics(stats.State, TimeZoneInfo.Utc);
        Assert.Equal(stats.State.Lifetime, restarted.State.Lifetime);
        Assert.Equal(T0, restarted.State.Session!.Start);
        Assert.NotNull(restarted.Record(T0.AddMinutes(31), Power.Zero, false, null, Flat(0.25), Settings).Savings);
    }

    [Fact]
    public void An_observation_inside_an_interval_changes_nothing_worth_saving()
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        Assert.True(stats.Record(T0, Power.FromWatts(3000), true, new Percent(50), Flat(0.2), Settings).Changed); // a session starts
        Assert.False(stats.Record(T0.AddMinutes(1), Power.FromWatts(3000), true, new Percent(50), Flat(0.2), Settings).Changed);
    }

    [Fact]
    public void Each_ended_session_is_kept_with_its_socs_for_the_learned_departures_and_survives_a_restart()
    {
        var stats = new ChargingStatistics(StatisticsState.Empty, TimeZoneInfo.Utc);
        Charge(stats, 60, prices: null);
        stats.Record(T0.AddMinutes(61), Power.Zero, false, null, null, Settings);
        var session = new PastSession(T0, T0.AddMinutes(61), new Percent(40), new Percent(46));
        Assert.Equal([session], stats.Sessions);
        Assert.Equal([session], new ChargingStatistics(stats.State, TimeZoneInfo.Utc).Sessions);
        // A file written before sessions were kept has none.
        Assert.Empty(new ChargingStatistics(stats.State with { Sessions = null }, TimeZoneInfo.Utc).Sessions);
    }

    [Fact]
    public void Sessions_older_than_the_learned_departures_look_back_are_dropped_when_one_ends()
    {
        var old = new PastSession(T0 - ChargingStatistics.SessionsKept - TimeSpan.FromMinutes(2), T0 - ChargingStatistics.SessionsKept, new Percent(40), new Percent(80));
        var kept = old with { Unplugged = T0 - ChargingStatistics.SessionsKept + TimeSpan.FromMinutes(62) };
        var stats = new ChargingStatistics(StatisticsState.Empty with { Sessions = [old, kept] }, TimeZoneInfo.Utc);
        Charge(stats, 60, prices: null);
        stats.Record(T0.AddMinutes(61), Power.Zero, false, null, null, Settings);
        Assert.Equal([kept, new PastSession(T0, T0.AddMinutes(61), new Percent(40), new Percent(46))], stats.Sessions);
    }
}
