using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Units;
using ChargeBridge.Host;
using ChargeBridge.Tests;

namespace ChargeBridge.Host.Tests;

public class SimulateVerbTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public void The_year_ranks_the_optimiser_below_cheapest_slots_below_naive_within_a_minute()
    {
        var json = Path.Combine(Path.GetTempPath(), $"chargebridge-simulate-{Guid.NewGuid():N}.json");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var wall = Stopwatch.StartNew();
            var exit = new RootCommand { new SimulateVerb().Create() }.Parse(["simulate", "--json", json])
                .Invoke(new InvocationConfiguration { Output = output, Error = error });
            wall.Stop();

            Assert.True(exit == 0, error.ToString());
            Assert.True(wall.Elapsed < TimeSpan.FromSeconds(60), $"took {wall.Elapsed}");
            foreach (var strategy in new[] { "naive", "cheapest slots", "local optimiser", "perfect foresight" })
                Assert.Contains($"| {strategy} |", output.ToString());
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var cost = doc.RootElement.GetProperty("results").EnumerateArray()
                .ToDictionary(r => r.GetProperty("strategy").GetString()!, r => r.GetProperty("net_cost_eur").GetDouble());
            Assert.True(cost["local optimiser"] < cost["cheapest slots"]);
            Assert.True(cost["cheapest slots"] < cost["naive"]);
            Assert.True(cost["perfect foresight"] <= cost["local optimiser"] + 1e-6);
            Assert.True(doc.RootElement.GetProperty("sessions").GetInt32() > 100);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void Prices_cover_every_hour_of_2024_with_the_missing_autumn_hour_filled()
    {
        using var reader = File.OpenText(SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"));
        var prices = SimulatePriceCsv.Read(reader, "nl");

        Assert.Equal(8784, prices.Points.Count);
        var missing = new DateTimeOffset(2024, 10, 27, 1, 0, 0, TimeSpan.Zero);
        Assert.Equal(prices.ValueAt(missing.AddHours(-1)), prices.ValueAt(missing));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), prices.Points[0].Start);
        Assert.Equal(0.0001, prices.ValueAt(prices.Points[0].Start)!.Value.EurPerKwh, 9);
        Assert.True(prices.Points.Any(p => p.Value.EurPerKwh < 0), "2024 had negative prices");
    }

    [Fact]
    public void Sessions_move_onto_the_price_year_keeping_weekday_and_local_time()
    {
        var csv = "session_ID;Garage_ID;User_ID;User_type;Shared_ID;Start_plugin;Start_plugin_hour;End_plugout;End_plugout_hour;El_kWh;Duration_hours;month_plugin;weekdays_plugin\r\n"
            + "1;G;A;Private;NA;04.02.2019 17:37;17;05.02.2019 07:10;7;12,5;13,55;Feb;Monday\r\n"
            + "2;G;A;Private;NA;05.02.2019 06:00;6;05.02.2019 09:00;9;1,0;3;Feb;Tuesday\r\n"
            + "3;G;A;Private;NA;07.02.2019 18:00;18;NA;NA;5,0;NA;Feb;Thursday\r\n"
            + "4;G;A;Private;NA;15.01.2020 18:00;18;16.01.2020 07:00;7;8,0;13;Jan;Wednesday\r\n"
            + "5;G;B;Private;NA;10.03.2019 18:00;18;11.03.2019 07:00;7;3,0;13;Mar;Sunday\r\n";
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var (user, sessions) = SimulateSessionCsv.Read(new StringReader(csv), "s", null, Amsterdam, from, from.AddYears(1));

        Assert.Equal("A", user);
        Assert.Equal(2, sessions.Count);
        var january = TimeZoneInfo.ConvertTime(sessions[0].Arrival, Amsterdam);
        Assert.Equal((DayOfWeek.Wednesday, 18), (january.DayOfWeek, january.Hour));
        Assert.Equal(2024, january.Year);
        var february = TimeZoneInfo.ConvertTime(sessions[1].Arrival, Amsterdam);
        Assert.Equal((DayOfWeek.Monday, 17, 37), (february.DayOfWeek, february.Hour, february.Minute));
        Assert.Equal(Energy.FromKilowattHours(12.5), sessions[1].TripEnergy);
        Assert.Equal(new TimeSpan(13, 33, 0), sessions[1].Departure - sessions[1].Arrival);
    }

    [Fact]
    public void A_start_price_sell_price_csv_is_simulated_with_its_own_sell_prices()
    {
        // Eight weeks of 2024's NL prices in the plan verb's format, once with a sell price that never pays for discharging.
        using var source = File.OpenText(SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"));
        var market = SimulatePriceCsv.Read(source, "nl").Points.Where(p => p.Start.Month is 3 or 4).ToList();
        var withoutSell = TempCsv("start,price", market.Select(p => $"{p.Start:O},{p.Value.EurPerKwh.ToString(CultureInfo.InvariantCulture)}"));
        var nothingForExport = TempCsv("start,price,sell_price", market.Select(p => $"{p.Start:O},{p.Value.EurPerKwh.ToString(CultureInfo.InvariantCulture)},0"));
        try
        {
            double Discharged(string path) => Load(path).RunAllAsync(CancellationToken.None).GetAwaiter().GetResult()
                .Single(r => r.Strategy == "local optimiser").DischargedKwh;
            Assert.Equal(market.Count, Load(withoutSell).MarketPrices.Points.Count);
            Assert.True(Discharged(withoutSell) > 10, "net metering: the optimiser sells in the peaks");
            Assert.Equal(0, Discharged(nothingForExport), 6);
        }
        finally
        {
            File.Delete(withoutSell);
            File.Delete(nothingForExport);
        }
    }

    [Fact]
    public async Task With_a_household_and_no_net_metering_seeing_the_house_lowers_the_sites_bill_and_foresight_bounds_it()
    {
        // May and June of 2024's NL prices, sold at the bare market price; the Konstanz house and its 9.5 kWp roof.
        using var source = File.OpenText(SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"));
        var market = SimulatePriceCsv.Read(source, "nl").Points.Where(p => p.Start.Month is 5 or 6).ToList();
        var prices = TempCsv("start,price,sell_price",
            market.Select(p => FormattableString.Invariant($"{p.Start:O},{p.Value.EurPerKwh},{p.Value.EurPerKwh}")));
        try
        {
            var year = SimulateYear.Load(prices, SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"), null,
                new Core.Prices.Tariff(new EnergyPrice(0.1288), 0.21), sellAtMarket: true, new EnergyPrice(0),
                SimulateYear.DataFile("opsd_household_DE_KN_residential4_60min.csv"));
            var results = (await year.RunAllAsync(CancellationToken.None)).ToDictionary(r => r.Strategy, r => r.Site!);

            var blind = results["V2G only (plans ignore the house)"];
            var forecast = results["ours, house and PV forecast"];
            var known = results["ours, house and PV known"];
            var bound = results["perfect foresight"];
            Assert.True(known.NetCostEur < blind.NetCostEur - 1, $"knowing the house {known.NetCostEur:0.00} against blind {blind.NetCostEur:0.00} EUR");
            Assert.True(forecast.NetCostEur < blind.NetCostEur, $"the forecast {forecast.NetCostEur:0.00} against blind {blind.NetCostEur:0.00} EUR");
            Assert.All(results.Values, r => Assert.True(bound.NetCostEur <= r.NetCostEur + 0.01, $"{r.NetCostEur} beats the bound {bound.NetCostEur}"));
            Assert.All(results.Values, r => Assert.Equal(bound.HouseAloneCostEur, r.HouseAloneCostEur));
            Assert.True(known.CarFromPvKwh > blind.CarFromPvKwh && known.VehicleToHomeKwh > 0);
        }
        finally
        {
            File.Delete(prices);
        }
    }

    private static SimulateYear Load(string prices) => SimulateYear.Load(prices, SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"),
        null, new Core.Prices.Tariff(new EnergyPrice(0.1288), 0.21), sellAtMarket: false, new EnergyPrice(0));

    private static string TempCsv(string header, IEnumerable<string> rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chargebridge-prices-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, rows.Prepend(header));
        return path;
    }

    [Theory]
    [InlineData("--report-days", "0", "--report-days must be at least 1")]
    [InlineData("--report-from", "2025-06-01", "--report-from 2025-06-01 with --report-days 7 reaches outside the prices (2024-01-01 to 2024-12-31)")]
    public async Task A_report_window_outside_the_data_exits_2_naming_the_option(string option, string value, string message)
    {
        var html = Path.Combine(Path.GetTempPath(), $"chargebridge-report-{Guid.NewGuid():N}.html");
        var error = new StringWriter();
        var exit = await new RootCommand { new SimulateVerb().Create() }
            .Parse(["simulate", "--prices", RepoPaths.SharedFile("data", "nl_day_ahead_2024_jeroen_nl.csv"), "--report", html, option, value])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.Equal(2, exit);
        Assert.Contains(message, error.ToString());
        Assert.False(File.Exists(html));
    }
}
