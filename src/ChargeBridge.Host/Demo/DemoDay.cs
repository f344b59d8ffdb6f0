using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Planning;
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
/// efficiency, so a set point that changes within a minute is counted as the battery saw it. It is split by source
/// (from PV or the grid, to the house or the grid) by Core's rule on the minute's site power: the house and PV as the
/// house twin played them at the minute's start, both cars as metered.
/// </summary>
internal static class DemoDay
{
    public static readonly TimeSpan Tick = V2GController.TickInterval;
    public static readonly TimeSpan RecordInterval = TimeSpan.FromMinutes(5);

    /// <param name="progress">Called after each minute with the fraction of the day done.</param>
    /// <exception cref="InvalidOperationException">An app did not start.</exception>
    public static async Task<DemoRecording> RunAsync(DemoScenario scenario, DemoHouse house, Action<double>? progress, LogLevel logLevel, CancellationToken ct)
    {
        var car = scenario.Car;
        var second = scenario.SecondCar;
        await using var world = await DemoWorld.StartAsync(scenario.Start, car, fake => SetUp(fake, scenario), logLevel, ct, secondCar: second, house: house);
        var apps = world.Runtime.Apps;
        if (apps.Where(a => a.State != AppState.Running).Select(a => $"app {a.Id}: {a.State} ({a.Error})").ToList() is { Count: > 0 } failed)
            throw new InvalidOperationException(string.Join("; ", failed));
        var twin = world.SecondCharger!;
        var meters = world.House!;

        var statistics = new EnergyStatistics(TimeZoneInfo.Utc, Tick);
        var secondStatistics = new EnergyStatistics(TimeZoneInfo.Utc, Tick);
        var steps = new List<DemoStep>();
        var published = false;
        Percent? socAtTrip = null, socAtCommute = null;
        var previousSoc = scenario.PlugInSoc;
        var previousSecondPower = Power.Zero;
        var previousReading = meters.Last!;
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
            if (now == scenario.Evening.Start) SelectMode(world, ChargeMode.PowerTheHouse);
            if (now == scenario.Evening.End) SelectMode(world, ChargeMode.Automatic);
            if (now == second.PlugIn) twin.Plug(second.PlugInSoc);
            if (now == second.Trip.Start)
            {
                socAtCommute = twin.CarSoc;
                twin.Unplug();
            }
            await world.StepAsync(i == 0 ? TimeSpan.Zero : Tick, ct);
            // Plugged in after the first step, so the driver has seen the empty socket and learns the new car's SoC.
            if (i == 0) world.Charger.PlugIn();
            var snapshot = world.Charger.Snapshot();
            var soc = new Percent(snapshot.SocPct);
            if (i > 0)
            {
                var metered = Meter(scenario, car, now - Tick, previousSoc, soc);
                var cars = metered.Power + previousSecondPower;
                var site = new SitePower(previousReading.House - previousReading.Pv + cars, cars);
                statistics.Add(metered with { Site = site });
                secondStatistics.Add(new EnergySample(now - Tick, previousSecondPower, PriceAt(scenario, now - Tick), Site: site));
            }
            previousSoc = soc;
            previousSecondPower = twin.ActualPower;
            previousReading = meters.Last!;
            if (now == scenario.Trip.Start)
            {
                socAtTrip = soc;
                world.Charger.Unplug();
            }
            if (now < scenario.End && (now - scenario.Start).Ticks % RecordInterval.Ticks == 0)
                steps.Add(Record(world, scenario, now, world.Charger.Snapshot(), statistics.Lifetime));
            progress?.Invoke(i / (double)minutes);
        }

        DemoEvent[] events =
        [
            new(scenario.Trip.Start, scenario.Trip.End, scenario.Trip.Summary, scenario.TripTarget, socAtTrip, DemoWorld.Garage.Value),
            new(second.Trip.Start, second.Trip.End, second.Trip.Summary, second.TripTarget(scenario.PracticalMaxSoc), socAtCommute, DemoSecondCar.Loadpoint.Value),
        ];
        return new DemoRecording(scenario.Start, scenario.End, apps, steps, events, statistics.Lifetime, scenario.Session, secondStatistics.Lifetime, house,
            scenario.Noon, scenario.Evening);
    }

    /// <summary>The scenario's entities in HA before the apps start: grid power, both cars' calendars, the second car's
    /// capacity (the helper's default is the first car's), the Quasar car's solar switch for Automatic (on: noon's
    /// surplus charges it beyond the plan) and the known prices.</summary>
    internal static void SetUp(HomeAssistantFake fake, DemoScenario scenario)
    {
        fake.SetState("sensor.grid_power", "420", new JsonObject { ["unit_of_measurement"] = "W", ["device_class"] = "power" });
        fake.SetState(DemoScenario.Calendar, "off", new JsonObject { ["friendly_name"] = "Car" });
        fake.SetCalendarEvents(DemoScenario.Calendar, [scenario.Trip]);
        fake.SetState(DemoSecondCar.Calendar, "off", new JsonObject { ["friendly_name"] = "Commute" });
        fake.SetCalendarEvents(DemoSecondCar.Calendar, [scenario.SecondCar.Trip]);
        var capacity = new V2GEntities(DemoSecondCar.Loadpoint).Capacity;
        fake.SetState(capacity.EntityId, scenario.SecondCar.Settings.Capacity.KilowattHours.ToString(CultureInfo.InvariantCulture),
            new JsonObject { ["unit_of_measurement"] = "kWh", ["min"] = 10, ["max"] = 200, ["step"] = 1, ["friendly_name"] = capacity.Name });
        var solar = new V2GEntities(DemoWorld.Garage).SolarInAutomatic;
        fake.SetState(solar.EntityId, "on", new JsonObject { ["friendly_name"] = solar.Name });
        PublishPrices(fake, scenario.FirstDayPrices);
    }

    /// <summary>The Quasar car's mode, set as a user or an automation sets it: on the select.</summary>
    private static void SelectMode(DemoWorld world, ChargeMode mode) => world.Fake.SetState(world.Entities.ChargeMode.EntityId, V2GEntities.ModeNames[mode]);

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
        var slot = SlotAt(world.Controller, now);
        var trip = scenario.Trip;
        var twin = world.SecondCharger!;
        var commute = scenario.SecondCar.Trip;
        var secondSlot = SlotAt(world.Controllers[1], now);
        var second = new DemoCarStep(secondSlot?.SetPoint, twin.CarSoc, twin.ActualPower, twin.CarConnected,
            commute.Start <= now && now < commute.End ? commute.Summary : null);
        var grid = double.TryParse(world.Fake.GetState(SiteLoop.GridPower)?.State, CultureInfo.InvariantCulture, out var watts) ? Power.FromWatts(watts) : (Power?)null;
        var house = world.House!.Last!;
        return new DemoStep(now, PriceAt(scenario, now), slot?.SetPoint, slot?.SocAtStart, new Percent(charger.SocPct),
            Power.FromWatts(charger.ActualPowerW), charger.CarConnected, world.Fake.GetState(world.Entities.ChargeMode.EntityId)?.State ?? "unknown",
            trip.Start <= now && now < trip.End ? trip.Summary : null, totals, second, grid, house.House, house.Pv);
    }

    private static ScheduleSlot? SlotAt(V2GController controller, DateTimeOffset now) =>
        controller.Schedule?.Slots.FirstOrDefault(s => s.Start <= now && now < s.End);

    private static EnergyPrice PriceAt(DemoScenario scenario, DateTimeOffset at) =>
        scenario.Prices.ValueAt(at) ?? throw new InvalidOperationException($"the demo's prices do not cover {at:O}");
}
