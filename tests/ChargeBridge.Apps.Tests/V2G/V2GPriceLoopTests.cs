using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GPriceLoopTests
{
    private const string NordPool = "sensor.nordpool_kwh_nl_eur";
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.AddHours(6);

    /// <summary>A day of Nord Pool quarter hours from the harness start in EUR/MWh: 300, except 40 in the quarters of 14:00–15:00 UTC.</summary>
    private static JsonObject QuarterHours()
    {
        var today = new JsonArray();
        for (var t = V2GHarness.Start; t < V2GHarness.Start.AddDays(1); t = t.AddMinutes(15))
        {
            today.Add(new JsonObject
            {
                ["start"] = t.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                ["end"] = t.AddMinutes(15).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                ["value"] = t.Hour == 14 ? 40 : 300,
            });
        }
        return new JsonObject { ["unit_of_measurement"] = "EUR/MWh", ["raw_today"] = today, ["raw_tomorrow"] = new JsonArray() };
    }

    [Fact]
    public async Task Nord_Pool_quarter_hours_with_markup_and_VAT_are_planned_on_and_the_car_charges_in_the_cheap_quarters()
    {
        await using var h = await V2GHarness.StartAsync(40, fake =>
        {
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(1), "Trip 48 %")]);
            fake.SetState(NordPool, "0.3", QuarterHours());
        }, new HarnessOptions(Prices: new PricesConfig { Source = PriceSourceKind.NordPool, Entity = NordPool }));
        h.Fake.SetState(V2GEntities.PriceMarkup.EntityId, "0.1");
        h.Fake.SetState(V2GEntities.Vat.EntityId, "21");
        // The tariff reaches the app over the WebSocket: the next step must see both helpers' new values.
        await h.SettledAsync(() => h.Ha.GetState(V2GEntities.PriceMarkup.EntityId)?.State == "0.1" && h.Ha.GetState(V2GEntities.Vat.EntityId)?.State == "21",
            "the tariff helpers in the app's state cache");
        await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.Equal((0.3 + 0.1) * 1.21, double.Parse(h.Fake.GetState(V2GEntities.NetPrice)!.State!, CultureInfo.InvariantCulture), 5);

        var charging = new List<DateTimeOffset>();
        while (h.Now < TripStart)
        {
            await h.StepAsync(TimeSpan.FromMinutes(1));
            if (h.Sim.Snapshot().ActualPowerW > 0) charging.Add(h.Now);
        }

        Assert.NotEmpty(charging);
        // The simulator follows a set point within seconds, so a charge can show one tick past the cheap hour.
        Assert.All(charging, at => Assert.Equal(14, at.AddMinutes(-1).Hour));
        Assert.True(h.Sim.Snapshot().SocPct >= 47, $"SoC at the trip {h.Sim.Snapshot().SocPct} %");
    }
}
