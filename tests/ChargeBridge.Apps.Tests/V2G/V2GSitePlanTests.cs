using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The loadpoint's plan against the site's forecast (PlanRequest.Site), as V2GApp passes it on a one-car site.</summary>
public class V2GSitePlanTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.Date.AddDays(1).AddHours(8);

    /// <summary>A flat 0.25 to buy and 0.05 for feeding back: charging from the PV surplus costs only the feed-in it forgoes.</summary>
    private static readonly PricesConfig FlatWithLowFeedIn = new()
    {
        Import = ImportKind.TimeOfUse, Entity = "", Export = ExportKind.Fixed, ExportPrice = 0.05,
        TimeOfUse = new() { DefaultPrice = 0.25 },
    };

    /// <summary>500 W of house all day; 4 kW of PV from 12:00 to 16:00 on each day (UTC, the harness's zone).</summary>
    private static SiteForecast Forecast(DateTimeOffset from, TimeSpan horizon)
    {
        var hours = Enumerable.Range(-1, (int)horizon.TotalHours + 2).Select(h => from.Date.AddHours(from.Hour + h)).ToList();
        TimeSeries<Power> Hourly(Func<DateTimeOffset, double> watts) =>
            new(hours.Select(t => new TimePoint<Power>(new DateTimeOffset(t, TimeSpan.Zero), Power.FromWatts(watts(new DateTimeOffset(t, TimeSpan.Zero))))), TimeSpan.FromHours(1));
        return new SiteForecast { HouseLoad = Hourly(_ => 500), PvPower = Hourly(t => t.Hour is >= 12 and < 16 ? 4000 : 0) };
    }

    [Fact]
    public async Task With_the_site_forecast_the_car_charges_for_its_trip_from_the_pv_surplus()
    {
        await using var h = await V2GHarness.StartAsync(50, fake =>
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip 60 %")]),
            new HarnessOptions(Prices: FlatWithLowFeedIn, Site: Forecast));

        await h.StepAsync(TimeSpan.FromMinutes(1));

        var schedule = h.Controller.Schedule!;
        Assert.NotNull(schedule.SiteExpectedCostEur);
        var charging = schedule.Slots.Where(s => s.Start < TripStart && s.SetPoint > Power.Zero).ToList();
        Assert.NotEmpty(charging);
        Assert.All(charging, s => Assert.InRange(s.Start.Hour, 12, 15));
        Assert.True(schedule.TargetsMet);
    }
}
