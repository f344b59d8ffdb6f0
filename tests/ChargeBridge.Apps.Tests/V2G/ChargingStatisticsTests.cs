using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Statistics;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

public sealed class ChargingStatisticsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-stats-" + Guid.NewGuid().ToString("N"));
    private readonly FakeLogCollector _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Hour 0 at 0.30 EUR/kWh, hour 1 at 0.05, hour 2 at 0.30.</summary>
    private static readonly TimeSeries<EnergyPrice> Prices = new(
        [new(Start, new EnergyPrice(0.30)), new(Start.AddHours(1), new EnergyPrice(0.05)), new(Start.AddHours(2), new EnergyPrice(0.30))],
        TimeSpan.FromHours(1));

    private StoredStatistics Open() => new(new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs)), TimeZoneInfo.Utc, new FakeLogger<StoredStatistics>(_logs));

    /// <summary>One observation a minute from <paramref name="from"/> for <paramref name="minutes"/>.</summary>
    private static void Run(StoredStatistics stats, DateTimeOffset from, int minutes, double watts, bool connected = true, double soc = 50)
    {
        for (var m = 0; m < minutes; m++)
            stats.Record(from.AddMinutes(m), Power.FromWatts(watts), connected, new Percent(soc), Prices, new ChargeSettings());
    }

    [Fact]
    public void Energy_cost_and_revenue_come_from_the_measured_power_over_time_at_the_price_of_each_interval()
    {
        var stats = Open();
        Run(stats, Start, 60, 6000);
        Run(stats, Start.AddHours(1), 20, -3000);
        Run(stats, Start.AddHours(1).AddMinutes(20), 1, 0);

        var view = stats.View(Start.AddHours(2));
        Assert.Equal(6, view.Lifetime.Charged.KilowattHours, 9);
        Assert.Equal(1, view.Lifetime.Discharged.KilowattHours, 9);
        Assert.Equal(1.8, view.Lifetime.ChargingCostEur, 9);
        Assert.Equal(0.05, view.Lifetime.DischargeRevenueEur, 9);
        Assert.Equal(6, view.Periods[StatisticsPeriod.Day].Charged.KilowattHours, 9);
    }

    [Fact]
    public void Totals_survive_a_restart_and_keep_growing_from_where_they_were()
    {
        var first = Open();
        Run(first, Start, 31, 6000);
        var before = first.View(Start.AddHours(1));

        var second = Open();
        var restored = second.View(Start.AddHours(1));
        Assert.Equal(before.Lifetime, restored.Lifetime);
        Assert.Equal(before.Periods[StatisticsPeriod.Day], restored.Periods[StatisticsPeriod.Day]);
        Assert.Equal(before.Periods[StatisticsPeriod.Year], restored.Periods[StatisticsPeriod.Year]);

        Run(second, Start.AddHours(1), 11, 6000);
        Assert.Equal(before.Lifetime.Charged.KilowattHours + 1, second.View(Start.AddHours(2)).Lifetime.Charged.KilowattHours, 9);
    }

    [Fact]
    public void A_corrupt_file_falls_back_to_the_last_good_one_and_with_none_left_to_zero_without_throwing()
    {
        var stats = Open();
        Run(stats, Start, 6, 6000);
        Run(stats, Start.AddMinutes(6), 5, 6000);
        var store = new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs));
        Assert.True(File.Exists(store.Path + ".bak"));
        File.WriteAllText(store.Path, "{\"Lifetime\": {\"Charged\": ");

        Assert.Equal(0.5, Open().View(Start).Lifetime.Charged.KilowattHours, 9);
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.GetStructuredStateValue("File") == store.Path && r.Has("Reason"));

        File.WriteAllText(store.Path + ".bak", "\0\0\0");
        _logs.Clear();
        Assert.Equal(EnergyTotals.Zero, Open().View(Start).Lifetime);
        // Each file is named as unreadable, then one warning names no file: none is left.
        Assert.Equal([store.Path, store.Path + ".bak", null], _logs.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.GetStructuredStateValue("File")));
    }

    [Fact]
    public void A_file_with_impossible_totals_is_not_used()
    {
        var store = new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs));
        store.Save(new StatisticsState(new EnergyTotals(Energy.FromKilowattHours(-5), Energy.Zero, 0, 0, 0), 0, [], null));
        Assert.Equal(EnergyTotals.Zero, Open().View(Start).Lifetime);
        // Named, with no read error: the file was read, its totals refused.
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.GetStructuredStateValue("File") == store.Path && !r.Has("Reason"));
    }

    [Fact]
    public void Unplugging_counts_the_session_savings_against_charging_at_full_power_from_plug_in()
    {
        var stats = Open();
        Run(stats, Start, 60, 0, soc: 50);
        Run(stats, Start.AddHours(1), 60, 7400, soc: 61);
        Run(stats, Start.AddHours(2), 1, 0, connected: false, soc: 61);

        var view = stats.View(Start.AddHours(2));
        Assert.True(view.SavingsEur > 0.5, $"saved {view.SavingsEur} EUR by charging in the cheap hour");
        Assert.Equal(view.SavingsEur, view.SavingsPeriods[StatisticsPeriod.Month], 9);
        Assert.Equal(view.SavingsEur, Open().View(Start.AddHours(2)).SavingsEur, 9);
    }

    [Fact]
    public void A_session_across_a_restart_is_compared_over_its_whole_time_when_the_price_entity_has_dropped_its_first_hours()
    {
        var whole = Open();
        Run(whole, Start, 60, 0, soc: 50);
        Run(whole, Start.AddHours(1), 60, 7400, soc: 61);
        Run(whole, Start.AddHours(2), 1, 0, connected: false, soc: 61);
        var expected = whole.View(Start.AddHours(2)).SavingsEur;
        Directory.Delete(_folder, recursive: true);

        Run(Open(), Start, 60, 0, soc: 50);
        var restarted = Open();
        Run(restarted, Start.AddHours(1), 60, 7400, soc: 61);
        var laterPricesOnly = new TimeSeries<EnergyPrice>(Prices.Points.Skip(2), Prices.Resolution);
        restarted.Record(Start.AddHours(2), Power.Zero, false, new Percent(61), laterPricesOnly, new ChargeSettings());

        Assert.Equal(expected, restarted.View(Start.AddHours(2)).SavingsEur, 9);
    }

    [Fact]
    public async Task In_the_loop_the_energy_sensors_count_the_charger_s_power_over_virtual_time_and_never_go_down()
    {
        await using var h = await V2GHarness.StartAsync(30, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(_ => false)));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");
        var measured = 0.0;
        var last = 0.0;
        for (var m = 0; m < 60; m++)
        {
            measured += h.Sim.Snapshot().ActualPowerW / 1000 / 60;
            await h.StepAsync(TimeSpan.FromMinutes(1));
            var charged = double.Parse(h.Fake.GetState(V2GEntities.Default.ChargedEnergy)!.State!, CultureInfo.InvariantCulture);
            Assert.True(charged >= last, $"charged energy went from {last} to {charged} kWh");
            last = charged;
        }

        // Intervals complete every 5 minutes, so the sensor is at most one interval behind what the charger did.
        Assert.InRange(last, measured - 7.4 / 12 - 0.05, measured + 0.05);
        var sensor = h.Fake.GetState(V2GEntities.Default.ChargedEnergy)!;
        Assert.Equal(("energy", "total_increasing", "kWh"), (sensor.AttributeString("device_class"), sensor.AttributeString("state_class"), sensor.AttributeString("unit_of_measurement")));
        Assert.Equal(last, sensor.AttributeNumber("day")!.Value, 3);
        var cost = h.Fake.GetState(V2GEntities.Default.ChargingCost)!;
        Assert.Equal(("monetary", "total", "EUR"), (cost.AttributeString("device_class"), cost.AttributeString("state_class"), cost.AttributeString("unit_of_measurement")));
        Assert.Equal(last * 0.30, double.Parse(cost.State!, CultureInfo.InvariantCulture), 2);
        Assert.All(new[] { V2GEntities.Default.DischargedEnergy, V2GEntities.Default.DischargeRevenue, V2GEntities.Default.Savings },
            id => Assert.Equal("0", h.Fake.GetState(id)!.AttributeString("year")));
    }

    [Fact]
    public async Task In_the_loop_the_site_balance_the_site_loop_hands_over_splits_the_charged_energy_and_none_splits_nothing()
    {
        await using var h = await V2GHarness.StartAsync(30, fake => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(_ => false)));
        h.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
        await h.SettledAsync(() => h.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");
        // The site exports 2 kW while the car charges: without the car it would export 9.4 kW, so all of the car's energy is from PV.
        h.Controller.Site = new SiteBalance(Power.FromWatts(-2000), Power.FromWatts(-10000), null, Power.FromWatts(7400), Power.FromWatts(600), null,
            MeterHealth.Ok, []);
        for (var m = 0; m < 20; m++) await h.StepAsync(TimeSpan.FromMinutes(1));
        double Kwh(string id) => double.Parse(h.Fake.GetState(id)!.State!, CultureInfo.InvariantCulture);
        var fromPv = Kwh(V2GEntities.Default.ChargedFromPv);
        Assert.True(fromPv > 1, $"charged from PV {fromPv} kWh");
        Assert.Equal(0, Kwh(V2GEntities.Default.ChargedFromGrid));

        // Without a recent balance (meter stale, reads hanging) nothing more is attributed, though charging goes on.
        h.Controller.Site = null;
        var charged = Kwh(V2GEntities.Default.ChargedEnergy);
        for (var m = 0; m < 20; m++) await h.StepAsync(TimeSpan.FromMinutes(1));
        Assert.True(Kwh(V2GEntities.Default.ChargedEnergy) > charged + 1);
        Assert.InRange(Kwh(V2GEntities.Default.ChargedFromPv), fromPv, fromPv + 7.4 / 12 + 0.01);
        Assert.Equal(0, Kwh(V2GEntities.Default.ChargedFromGrid));
    }

    [Fact]
    public async Task After_a_restart_of_the_loop_the_energy_sensor_goes_on_from_its_last_state()
    {
        static void Flat(HomeAssistantFake fake) => fake.SetState(V2GHarness.PriceSensor, "0.30", V2GHarness.Prices(_ => false));
        double charged;
        await using (var first = await V2GHarness.StartAsync(30, f => Flat(f), new HarnessOptions(Folder: _folder)))
        {
            first.Fake.SetState(V2GEntities.Default.ChargeMode.EntityId, "Max boost now");
            await first.SettledAsync(() => first.Sim.PowerSetPointWrites.LastOrDefault() == 7400, "the boost");
            for (var m = 0; m < 20; m++) await first.StepAsync(TimeSpan.FromMinutes(1));
            charged = double.Parse(first.Fake.GetState(V2GEntities.Default.ChargedEnergy)!.State!, CultureInfo.InvariantCulture);
        }
        Assert.True(charged > 1, $"{charged} kWh charged before the restart");

        await using var second = await V2GHarness.StartAsync(50, f => Flat(f), new HarnessOptions(Folder: _folder));
        Assert.Equal(charged, double.Parse(second.Fake.GetState(V2GEntities.Default.ChargedEnergy)!.State!, CultureInfo.InvariantCulture), 3);
    }

    /// <summary>The site loop's balance with a grid reading (import +) and the loadpoints' sum.</summary>
    private static SiteBalance Site(double gridW, double loadpointsW) =>
        new(Power.FromWatts(gridW), null, null, Power.FromWatts(loadpointsW), null, null, MeterHealth.Ok, []);

    /// <summary>One observation a minute, with the site's balance.</summary>
    private static void Run(StoredStatistics stats, DateTimeOffset from, int minutes, double watts, SiteBalance? site)
    {
        for (var m = 0; m < minutes; m++)
            stats.Record(from.AddMinutes(m), Power.FromWatts(watts), true, new Percent(50), Prices, new ChargeSettings(), site);
    }

    /// <summary>A file as the version before the split by source wrote it (no ChargedFromPv … fields), with a session under way.</summary>
    private const string FileBeforeTheSplit = """
        {
          "Lifetime": {
            "Charged": { "KilowattHours": 12.5 },
            "Discharged": { "KilowattHours": 2 },
            "ChargingCostEur": 3.1,
            "DischargeRevenueEur": 0.6,
            "EmissionsKg": 0,
            "NetCostEur": 2.5
          },
          "SavingsEur": 1.25,
          "Days": [
            {
              "Day": "2026-01-15",
              "Totals": {
                "Charged": { "KilowattHours": 4 },
                "Discharged": { "KilowattHours": 0 },
                "ChargingCostEur": 1.2,
                "DischargeRevenueEur": 0,
                "EmissionsKg": 0,
                "NetCostEur": 1.2
              },
              "SavingsEur": 0
            }
          ],
          "Session": {
            "Start": "2026-01-15T00:00:00+00:00",
            "StartSoc": { "Value": 40 },
            "LastSoc": { "Value": 50 },
            "Totals": {
              "Charged": { "KilowattHours": 4 },
              "Discharged": { "KilowattHours": 0 },
              "ChargingCostEur": 1.2,
              "DischargeRevenueEur": 0,
              "EmissionsKg": 0,
              "NetCostEur": 1.2
            },
            "Prices": [ { "Start": "2026-01-15T00:00:00+00:00", "Value": { "EurPerKwh": 0.3 } } ]
          }
        }
        """;

    [Fact]
    public void A_file_from_before_the_split_loads_with_its_totals_unattributed_and_the_split_counts_from_zero()
    {
        var store = new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(store.Path, FileBeforeTheSplit);

        var stats = Open();
        var lifetime = stats.View(Start.AddHours(1)).Lifetime;
        Assert.Equal((12.5, 2.0, 3.1), (lifetime.Charged.KilowattHours, lifetime.Discharged.KilowattHours, lifetime.ChargingCostEur));
        Assert.Equal([Energy.Zero, Energy.Zero, Energy.Zero, Energy.Zero],
            new[] { lifetime.ChargedFromPv, lifetime.ChargedFromGrid, lifetime.DischargedToHouse, lifetime.DischargedToGrid });
        Assert.Equal((12.5, 2.0), (lifetime.ChargedUnattributed.KilowattHours, lifetime.DischargedUnattributed.KilowattHours));
        Assert.Equal(4, stats.View(Start.AddHours(1)).Periods[StatisticsPeriod.Day].ChargedUnattributed.KilowattHours, 9);
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);

        // An hour of 7.4 kW with 2.4 kW imported: 5 kWh from PV, 2.4 from the grid, on top of the old totals.
        Run(stats, Start.AddHours(1), 60, 7400, Site(2400, 7400));
        Run(stats, Start.AddHours(2), 1, 0, Site(-5000, 0));
        lifetime = stats.View(Start.AddHours(2)).Lifetime;
        Assert.Equal(19.9, lifetime.Charged.KilowattHours, 9);
        Assert.Equal((5.0, 2.4, 12.5), (Math.Round(lifetime.ChargedFromPv.KilowattHours, 9), Math.Round(lifetime.ChargedFromGrid.KilowattHours, 9),
            Math.Round(lifetime.ChargedUnattributed.KilowattHours, 9)));
    }

    [Fact]
    public void A_file_without_the_month_summarised_loads_and_the_summary_once_taken_is_not_taken_again_after_a_restart()
    {
        var store = new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(store.Path, FileBeforeTheSplit);
        var monthAfter = new DateTimeOffset(Start.Year, Start.Month, 1, 10, 0, 0, TimeSpan.Zero).AddMonths(1);

        var stats = Open();
        Assert.Null(stats.TakeMonthlySummary(monthAfter.AddHours(-2), new EnergyPrice(0), 0));
        var summary = stats.TakeMonthlySummary(monthAfter, new EnergyPrice(0), 0);
        Assert.NotNull(summary);
        Assert.Equal(new DateOnly(Start.Year, Start.Month, 1), summary.Month);
        Assert.Null(stats.TakeMonthlySummary(monthAfter.AddMinutes(5), new EnergyPrice(0), 0));

        Assert.Null(Open().TakeMonthlySummary(monthAfter.AddHours(1), new EnergyPrice(0), 0));
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public void The_split_is_saved_and_read_back_whole_for_the_lifetime_the_days_and_the_session()
    {
        var stats = Open();
        Run(stats, Start, 30, 7400, Site(2400, 7400));
        Run(stats, Start.AddMinutes(30), 30, -5000, Site(-3000, -5000));
        Run(stats, Start.AddHours(1), 1, 0, Site(2000, 0));
        var before = stats.View(Start.AddHours(1));
        Assert.True(before.Lifetime.ChargedFromPv.KilowattHours > 2 && before.Lifetime.DischargedToHouse.KilowattHours > 0.9, before.Lifetime.ToString());

        var restored = Open().View(Start.AddHours(1));
        Assert.Equal(before.Lifetime, restored.Lifetime);
        Assert.All(Enum.GetValues<StatisticsPeriod>(), p => Assert.Equal(before.Periods[p], restored.Periods[p]));
        var file = File.ReadAllText(new StatisticsStore(_folder, new FakeLogger<StoredStatistics>(_logs)).Path);
        Assert.Contains("\"ChargedFromPv\"", file);
        Assert.Contains("\"DischargedToHouse\"", file);
        // Derived figures are not stored: they follow from the others.
        Assert.DoesNotContain("Unattributed", file);
    }

    [Fact]
    public async Task The_split_by_source_is_published_as_energy_dashboard_meters_for_each_loadpoint()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var publisher = new SensorPublisher(new HaRestClient(new HttpClient(), fake.ClientOptions()), new StaticHaContext());
        var stats = Open();
        Run(stats, Start, 60, 7400, Site(2400, 7400));
        Run(stats, Start.AddHours(1), 30, -5000, Site(-3000, -5000));
        Run(stats, Start.AddHours(1).AddMinutes(30), 10, -5000, null);
        Run(stats, Start.AddHours(1).AddMinutes(40), 1, 0, Site(2000, 0));
        var garage = new V2GEntities(LoadpointName.Parse("garage", out _)!.Value);

        await StatisticsSensors.PublishAsync(publisher, garage, stats.View(Start.AddHours(2)), 0, CancellationToken.None);

        var expected = new (string Id, string State, string Name)[]
        {
            ("sensor.chargebridge_garage_charged_from_pv", "5.000", "ChargeBridge garage charged from PV"),
            ("sensor.chargebridge_garage_charged_from_grid", "2.400", "ChargeBridge garage charged from grid"),
            ("sensor.chargebridge_garage_discharged_to_house", "1.000", "ChargeBridge garage discharged to house"),
            ("sensor.chargebridge_garage_discharged_to_grid", "1.500", "ChargeBridge garage discharged to grid"),
            ("sensor.chargebridge_garage_charged_energy", "7.400", "ChargeBridge garage charged energy"),
            ("sensor.chargebridge_garage_discharged_energy", "3.333", "ChargeBridge garage discharged energy"),
        };
        Assert.Equal(expected.Take(4).Select(e => e.Id), new[] { garage.ChargedFromPv, garage.ChargedFromGrid, garage.DischargedToHouse, garage.DischargedToGrid });
        foreach (var (id, state, name) in expected)
        {
            var sensor = fake.GetState(id);
            Assert.True(sensor is not null, id + " not published");
            Assert.Equal((state, "energy", "total_increasing", "kWh", name),
                (sensor.State, sensor.AttributeString("device_class"), sensor.AttributeString("state_class"), sensor.AttributeString("unit_of_measurement"),
                    sensor.AttributeString("friendly_name")));
            Assert.Equal(double.Parse(state, CultureInfo.InvariantCulture), sensor.AttributeNumber("day")!.Value, 3);
            Assert.Equal(double.Parse(state, CultureInfo.InvariantCulture), sensor.AttributeNumber("year")!.Value, 3);
        }
        // The 10 minutes without a grid reading are discharged energy in neither part.
        Assert.Equal(0.833, fake.GetState(garage.DischargedEnergy)!.AttributeNumber("unattributed")!.Value, 3);
        Assert.Equal(0, fake.GetState(garage.ChargedEnergy)!.AttributeNumber("unattributed")!.Value, 3);
        Assert.Null(fake.GetState(garage.ChargedFromPv)!.AttributeNumber("unattributed"));
    }

    [Fact]
    public async Task The_money_by_destination_and_the_total_savings_are_published()
    {
        await using var fake = await HomeAssistantFake.StartAsync();
        var publisher = new SensorPublisher(new HaRestClient(new HttpClient(), fake.ClientOptions()), new StaticHaContext());
        var stats = Open();
        Run(stats, Start.AddHours(1), 30, -5000, Site(-3000, -5000)); // at 0.05: 1.0 kWh to the house, 1.5 kWh to the grid
        Run(stats, Start.AddHours(1).AddMinutes(30), 1, 0, Site(2000, 0));

        await StatisticsSensors.PublishAsync(publisher, V2GEntities.Default, stats.View(Start.AddHours(2)), 2500, CancellationToken.None);

        double State(string id) => double.Parse(fake.GetState(id)?.State ?? "missing", CultureInfo.InvariantCulture);
        // States are rounded to the cent.
        Assert.Equal(1.5 * 0.05, State(V2GEntities.Default.V2gRevenue), 0.0051);
        Assert.Equal(1.0 * 0.05, State(V2GEntities.Default.V2hSavings), 0.0051);
        Assert.Equal(0, State(V2GEntities.Default.SolarSavings), 0.0051);
        Assert.Equal(2.5 * 0.05, State(V2GEntities.Default.TotalSavings), 0.0051);
        var total = fake.GetState(V2GEntities.Default.TotalSavings)!;
        Assert.Equal(("monetary", "total", "EUR"), (total.AttributeString("device_class"), total.AttributeString("state_class"), total.AttributeString("unit_of_measurement")));
        Assert.Equal(2.5 * 0.05, total.AttributeNumber("day")!.Value, 0.0051);
        // One day of history is too little to project a year from, so no payback either.
        Assert.Null(total.AttributeNumber("projected_annual_eur"));
        Assert.Null(total.AttributeNumber("payback_years"));
    }
}
