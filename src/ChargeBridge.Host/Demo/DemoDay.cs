using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Host.Demo;

/// <summary>
/// Runs a <see cref="DemoScenario"/> minute by minute in virtual time: plugs the car in, publishes the second day's
/// prices when the market does, unplugs at the trip's start, and records every 5 minutes. Energy is metered from the
/// simulated battery: each minute's change of stored energy, taken back to the grid side through the simulator's
/// efficiency, so a set point that changes within a minute is counted as the battery saw it.
/// </summary>
internal static class DemoDay
{
    public static readonly TimeSpan Tick = V2GController.TickInterval;
    public static readonly TimeSpan RecordInterval = TimeSpan.FromMinutes(5);

    /// <param name="progress">Called after each minute with the fraction of the day done.</param>
    /// <exception cref="InvalidOperationException">An app did not start.</exception>
    public static async Task<DemoRecording> RunAsync(DemoScenario scenario, Action<double>? progress, LogLevel logLevel, CancellationToken ct)
    {
        var car = scenario.Car;
        await using var world = await DemoWorld.StartAsync(scenario.Start, car, fake => SetUp(fake, scenario), logLevel, ct);
        var apps = world.Runtime.Apps;
        if (apps.Where(a => a.State != AppState.Running).Select(a => $"app {a.Id}: {a.State} ({a.Error})").ToList() is { Count: > 0 } failed)
            throw new InvalidOperationException(string.Join("; ", failed));

        var statistics = new EnergyStatistics(TimeZoneInfo.Utc, Tick);
        var steps = new List<DemoStep>();
        var published = false;
        Percent? socAtTrip = null;
        var previousSoc = scenario.PlugInSoc;
        var minutes = (int)(scenario.Length / Tick);
        // One step past the last recorded one, at the end of the day, so the day's last minute is metered too.
        for (var i = 0; i <= minutes; i++)
        {
            var now = scenario.Start + i * Tick;
            if (!published && now >= scenario.SecondDayPublished)
            {
                PublishPrices(world.Fake, scenario.Prices);
                published = true;
            }
            await world.StepAsync(i == 0 ? TimeSpan.Zero : Tick, ct);
            // Plugged in after the first step, so the driver has seen the empty socket and learns the new car's SoC.
            if (i == 0) world.Charger.PlugIn();
            var snapshot = world.Charger.Snapshot();
            var soc = new Percent(snapshot.SocPct);
            if (i > 0) statistics.Add(Meter(scenario, car, now - Tick, previousSoc, soc));
            previousSoc = soc;
            if (now == scenario.Trip.Start)
            {
                socAtTrip = soc;
                world.Charger.Unplug();
            }
            if (now < scenario.End && (now - scenario.Start).Ticks % RecordInterval.Ticks == 0)
                steps.Add(Record(world, scenario, now, world.Charger.Snapshot(), statistics.Lifetime));
            progress?.Invoke(i / (double)minutes);
        }

        var trip = new DemoEvent(scenario.Trip.Start, scenario.Trip.End, scenario.Trip.Summary, scenario.TripTarget, socAtTrip);
        return new DemoRecording(scenario.Start, scenario.End, apps, steps, [trip], statistics.Lifetime, scenario.Session);
    }

    /// <summary>The scenario's entities in HA before the apps start: grid power, the calendar and the known prices.</summary>
    internal static void SetUp(HomeAssistantFake fake, DemoScenario scenario)
    {
        fake.SetState("sensor.grid_power", "420", new JsonObject { ["unit_of_measurement"] = "W", ["device_class"] = "power" });
        fake.SetState(DemoScenario.Calendar, "off", new JsonObject { ["friendly_name"] = "Car" });
        fake.SetCalendarEvents(DemoScenario.Calendar, [scenario.Trip]);
        PublishPrices(fake, scenario.FirstDayPrices);
    }

    /// <summary>The prices as a price integration publishes them: a list of {time, value} in EUR/kWh.</summary>
    internal static void PublishPrices(HomeAssistantFake fake, TimeSeries<EnergyPrice> prices)
    {
        var list = new JsonArray();
        foreach (var point in prices.Points)
            list.Add(new JsonObject
            {
                ["time"] = point.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), ["value"] = point.Value.EurPerKwh,
            });
        var now = prices.Points[^1].Value.EurPerKwh.ToString(CultureInfo.InvariantCulture);
        fake.SetState(DemoScenario.PriceSensor, now, new JsonObject { ["prices"] = list, ["unit_of_measurement"] = "EUR/kWh" });
    }

    /// <summary>The minute from <paramref name="from"/> as an energy sample: the stored energy's change at the grid side.</summary>
    private static EnergySample Meter(DemoScenario scenario, Devices.Quasar.QuasarSimulatorOptions car, DateTimeOffset from, Percent before, Percent after)
    {
        var stored = car.BatteryCapacity * ((after.Value - before.Value) / 100);
        var grid = stored.KilowattHours >= 0 ? stored * (1 / car.ChargeEfficiency) : stored * car.DischargeEfficiency;
        return new EnergySample(from, grid.Per(Tick), PriceAt(scenario, from));
    }

    private static DemoStep Record(DemoWorld world, DemoScenario scenario, DateTimeOffset now, Devices.Quasar.QuasarSimulatorSnapshot charger,
        EnergyTotals totals)
    {
        var slot = world.Controller.Schedule?.Slots.FirstOrDefault(s => s.Start <= now && now < s.End);
        var trip = scenario.Trip;
        return new DemoStep(now, PriceAt(scenario, now), slot?.SetPoint, slot?.SocAtStart, new Percent(charger.SocPct),
            Power.FromWatts(charger.ActualPowerW), charger.CarConnected, world.Fake.GetState(V2GEntities.Default.ChargeMode.EntityId)?.State ?? "unknown",
            trip.Start <= now && now < trip.End ? trip.Summary : null, totals);
    }

    private static EnergyPrice PriceAt(DemoScenario scenario, DateTimeOffset at) =>
        scenario.Prices.ValueAt(at) ?? throw new InvalidOperationException($"the demo's prices do not cover {at:O}");
}
