using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Prices;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Apps.Tests.V2G;

public class V2GTimeOfUseTests
{
    private static readonly DateTimeOffset TripStart = V2GHarness.Start.Date.AddDays(1).AddHours(8);

    /// <summary>Octopus Flux's windows (the harness's household is on UTC, as London is in January), with a low fixed
    /// feed-in: under net metering the peak's 0.35 would pay for charging at 0.25 beforehand and discharging in it.</summary>
    private static readonly PricesConfig Flux = new()
    {
        Import = ImportKind.TimeOfUse,
        Entity = "",
        Export = ExportKind.Fixed,
        ExportPrice = 0.05,
        TimeOfUse = new()
        {
            DefaultPrice = 0.25,
            Windows = [new() { Start = "02:00", End = "05:00", Price = 0.15 }, new() { Start = "16:00", End = "19:00", Price = 0.35 }],
        },
    };

    private static bool InCheapWindow(DateTimeOffset at) => at.Hour is >= 2 and < 5;

    [Fact]
    public async Task A_Flux_style_tariff_without_any_price_entity_charges_for_the_trip_in_the_cheap_window_and_a_low_feed_in_never_discharges()
    {
        Assert.Empty(Flux.Validate(false));
        await using var h = await V2GHarness.StartAsync(50, fake =>
            fake.SetCalendarEvents(V2GHarness.Calendar, [new FakeCalendarEvent(TripStart, TripStart.AddHours(2), "Trip to the coast 70 %")]),
            new HarnessOptions(Prices: Flux));
        Assert.Null(h.Fake.GetState(V2GHarness.PriceSensor));
        Assert.Equal(PriceBasis.Current, h.Controller.PriceBasis);

        var charging = new List<DateTimeOffset>();
        while (h.Now < TripStart)
        {
            await h.StepAsync(TimeSpan.FromMinutes(1));
            if (h.Sim.Snapshot().ActualPowerW > 0) charging.Add(h.Now);
        }

        Assert.All(h.Sim.PowerSetPointWrites, w => Assert.True(w >= 0, $"a discharge set point {w} W at a feed-in of 0.05"));
        Assert.NotEmpty(charging);
        // The simulator follows a new set point after a few seconds, so a charge may run on one tick past the window.
        var outside = charging.Where(at => !InCheapWindow(at.AddMinutes(-1))).ToList();
        Assert.True(outside.Count <= charging.Count / 20, $"{outside.Count} of {charging.Count} charging minutes outside 02:00–05:00, first at {outside.FirstOrDefault():O}");
        Assert.True(h.Sim.Snapshot().SocPct >= 69, $"SoC at the trip {h.Sim.Snapshot().SocPct} %");
    }
}
