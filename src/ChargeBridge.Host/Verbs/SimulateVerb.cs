using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Prices;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Host.Report;

namespace ChargeBridge.Host;

/// <summary>
/// `simulate`: a year of real day-ahead prices and real plug-in sessions for each strategy (naive, cheapest slots,
/// the local optimiser) plus the perfect-foresight optimum; prints a table and optionally writes JSON and an HTML report.
/// </summary>
public sealed class SimulateVerb : IVerb
{
    public Command Create()
    {
        var prices = new Option<FileInfo?>("--prices") { Description = "jeroen.nl day-ahead CSV, or any CSV with start,price[,sell_price] (EUR/kWh; price is the market price) (default: ../shared/data/nl_day_ahead_2024_jeroen_nl.csv next to the repository)" };
        var sessions = new Option<FileInfo?>("--sessions") { Description = "Trondheim sessions CSV (default: ../shared/data/ev_sessions_norway_residential_trondheim.csv)" };
        var user = new Option<string?>("--user") { Description = "User_ID whose sessions to replay (default: the private user who charged most)" };
        var markup = new Option<double>("--markup-eur-per-kwh") { Description = "added to the market price before VAT (EUR/kWh); default: energy tax 0.1088 + supplier 0.02", DefaultValueFactory = _ => 0.1288 };
        var vat = new Option<double>("--vat") { Description = "VAT as a fraction", DefaultValueFactory = _ => 0.21 };
        var sell = new Option<string>("--sell") { Description = "sell price: 'net' (net metering, = buy price) or 'market' (bare market price)", DefaultValueFactory = _ => "net" };
        sell.AcceptOnlyFromAmong("net", "market");
        var degradation = new Option<double>("--degradation-eur-per-kwh") { Description = "wear cost per kWh discharged", DefaultValueFactory = _ => 0 };
        var json = new Option<FileInfo?>("--json") { Description = "also write the results as JSON to this file" };
        var report = new Option<FileInfo?>("--report") { Description = "also write a self-contained HTML report (table of the run, chart of --report-days) to this file" };
        var reportFrom = new Option<DateOnly?>("--report-from") { Description = "first local day of the report's chart, yyyy-MM-dd (default: the day of the first session)" };
        var reportDays = new Option<int>("--report-days") { Description = "days the report's chart shows", DefaultValueFactory = _ => 7 };
        var household = new Option<FileInfo?>("--household") { Description = "house and PV to bill with the car: the OPSD Konstanz file (../shared/data/opsd_household_DE_KN_residential4_60min.csv) or a CSV with start,house_w,pv_w" };
        var only = new Option<int?>("--year") { Description = "simulate only this calendar year (local time) of the prices" };
        var pvScale = new Option<double>("--pv-scale") { Description = "factor on the household's PV (Konstanz: 9.5 kWp as measured)", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Replay a year of prices and plug-in sessions for every strategy (62 kWh car, 7.4 kW bidirectional charger)")
        {
            prices, sessions, user, markup, vat, sell, degradation, json, report, reportFrom, reportDays, household, pvScale, only,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var started = TimeProvider.System.GetTimestamp();
                var year = SimulateYear.Load(
                    parse.GetValue(prices)?.FullName ?? SimulateYear.DataFile("nl_day_ahead_2024_jeroen_nl.csv"),
                    parse.GetValue(sessions)?.FullName ?? SimulateYear.DataFile("ev_sessions_norway_residential_trondheim.csv"),
                    parse.GetValue(user),
                    new Tariff(new EnergyPrice(parse.GetValue(markup)), parse.GetValue(vat)),
                    parse.GetValue(sell) == "market",
                    new EnergyPrice(parse.GetValue(degradation)),
                    parse.GetValue(household)?.FullName,
                    parse.GetValue(pvScale),
                    parse.GetValue(only));
                var html = parse.GetValue(report);
                var chart = html is null ? null : new SimulationReport(year, parse.GetValue(reportFrom), parse.GetValue(reportDays));
                var results = await year.RunAllAsync(ct, chart is null ? null : chart.Keep);
                await output.WriteLineAsync(SimulateYear.Table(year, results, TimeProvider.System.GetElapsedTime(started)));
                if (parse.GetValue(json) is { } file)
                    await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(new { user = year.User, sessions = year.Sessions.Count, results }, SimulateYear.JsonOptions), ct);
                if (html is not null && chart is not null)
                    await ReportPage.WriteAsync(chart.Build(results), html.FullName, ct);
                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}

/// <summary>The year the `simulate` verb and the benchmarks replay: data loaded once, strategies run on it.</summary>
public sealed class SimulateYear
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private SimulateYear(string user, IReadOnlyList<ChargingSession> sessions, SimulationSettings settings, TimeSeries<EnergyPrice> market)
    {
        User = user;
        Sessions = sessions;
        Settings = settings;
        MarketPrices = market;
    }

    public string User { get; }
    public IReadOnlyList<ChargingSession> Sessions { get; }
    public SimulationSettings Settings { get; }
    public TimeSeries<EnergyPrice> MarketPrices { get; }

    /// <summary>
    /// Loads the year. <paramref name="pricesPath"/> is the jeroen.nl export, any `start,price[,sell_price]` CSV (the
    /// `plan` verb's format: other markets) or energy-stats.uk's Agile rates (<see cref="SimulateAgileCsv"/>: UK time,
    /// published at 16:00, with an Outgoing-style export price); its `price` is the market price the tariff applies to,
    /// and its sell price, when present, is what feeding back earns, whatever <paramref name="sellAtMarket"/> says.
    /// <paramref name="year"/> keeps one local calendar year of the prices.
    /// </summary>
    public static SimulateYear Load(string pricesPath, string sessionsPath, string? user, Tariff tariff, bool sellAtMarket, EnergyPrice degradation,
        string? householdPath = null, double pvScale = 1, int? year = null)
    {
        var (market, sold, publication) = ReadPrices(pricesPath);
        if (year is { } y)
        {
            var first = new DateTimeOffset(new DateTime(y, 1, 1), publication.Zone.GetUtcOffset(new DateTime(y, 1, 1)));
            var next = new DateTimeOffset(new DateTime(y + 1, 1, 1), publication.Zone.GetUtcOffset(new DateTime(y + 1, 1, 1)));
            TimeSeries<EnergyPrice> Within(TimeSeries<EnergyPrice> s) => new(s.Points.Where(p => p.Start >= first && p.Start < next), s.Resolution);
            market = Within(market);
            sold = sold is null ? null : Within(sold);
            if (market.Points.Count == 0) throw new FormatException($"{Path.GetFileName(pricesPath)}: no prices in {y}");
        }
        var from = market.Points[0].Start;
        var until = market.Points[^1].Start + market.Resolution;
        (string User, IReadOnlyList<ChargingSession> Sessions) chosen;
        using (var reader = File.OpenText(sessionsPath))
            chosen = SimulateSessionCsv.Read(reader, Path.GetFileName(sessionsPath), user, publication.Zone, from, until);
        var buy = tariff.NetPrices(market);
        var settings = new SimulationSettings
        {
            Car = new ChargeSettings { Capacity = Energy.FromKilowattHours(62), MaxChargePower = Power.FromWatts(7400), MaxDischargePower = Power.FromWatts(7400) },
            BuyPrices = buy,
            SellPrices = sold ?? (sellAtMarket ? market : buy),
            DegradationCost = degradation,
            Publication = publication,
            Household = householdPath is null ? null : ReadHousehold(householdPath, TimeZoneInfo.ConvertTime(from, publication.Zone).Year, pvScale),
        };
        return new SimulateYear(chosen.User, chosen.Sessions, settings, market);
    }

    private static Household ReadHousehold(string path, int year, double pvScale)
    {
        if (!(pvScale >= 0)) throw new FormatException($"--pv-scale {pvScale} must be 0 or more");
        using var reader = File.OpenText(path);
        return SimulateHouseholdCsv.Read(reader, Path.GetFileName(path), year, pvScale);
    }

    private static (TimeSeries<EnergyPrice> Market, TimeSeries<EnergyPrice>? Sell, PricePublication Publication) ReadPrices(string path)
    {
        var name = Path.GetFileName(path);
        string header;
        using (var peek = File.OpenText(path)) header = peek.ReadLine() ?? throw new FormatException($"{name}: empty file");
        using var reader = File.OpenText(path);
        if (header.Contains("datum_utc", StringComparison.Ordinal)) return (SimulatePriceCsv.Read(reader, name), null, PricePublication.DayAhead(Amsterdam));
        if (header.TrimStart('\uFEFF').Trim() == SimulateAgileCsv.Header)
        {
            var (buy, sell) = SimulateAgileCsv.Read(reader, name);
            return (buy, sell, new PricePublication(SimulateAgileCsv.London, TimeSpan.FromHours(16)));
        }
        var prices = PlanPriceCsv.Read(reader, name);
        return (prices.Buy, prices.Sell, PricePublication.DayAhead(Amsterdam));
    }

    /// <summary>
    /// Every strategy over the year; <paramref name="optimiserSlots"/> sees each slot the local optimiser applied. With a
    /// household the optimiser runs three times: blind to the house (the V2G-only plan), with the product's forecast of it
    /// from the past weeks, and knowing it (what a perfect forecast would give); perfect foresight sees the house and every
    /// price.
    /// </summary>
    public async Task<IReadOnlyList<SimulationResult>> RunAllAsync(CancellationToken ct, Action<SimulatedSlot>? optimiserSlots = null)
    {
        var simulation = new YearSimulation(Settings, Sessions);
        var results = new List<SimulationResult>
        {
            await simulation.RunAsync("naive", new NaivePlanner(), foresight: false, ct),
            await simulation.RunAsync("cheapest slots", new CheapestSlotsPlanner(), foresight: false, ct),
        };
        if (Settings.Household is not { } household)
        {
            results.Add(await simulation.RunAsync("local optimiser", new LocalPlanner(), foresight: false, ct, optimiserSlots));
            results.Add(await simulation.RunAsync("perfect foresight", new LocalPlanner(), foresight: true, ct));
            return results;
        }
        var actual = household.Actual(GridConnection.Unlimited);
        results.Add(await simulation.RunAsync("V2G only (plans ignore the house)", new LocalPlanner(), foresight: false, ct));
        results.Add(await simulation.RunAsync("ours, house and PV forecast", new LocalPlanner(), foresight: false, ct, optimiserSlots,
            new HouseholdForecast(household, Settings.Publication.Zone).For));
        results.Add(await simulation.RunAsync("ours, house and PV known", new LocalPlanner(), foresight: false, ct, site: (_, _) => actual));
        results.Add(await simulation.RunAsync("perfect foresight", new LocalPlanner(), foresight: true, ct, site: (_, _) => actual));
        return results;
    }

    /// <summary>The results as a Markdown table, with the share of the perfect-foresight saving over naive (cost + wear) each strategy captures.</summary>
    public static string Table(SimulateYear year, IReadOnlyList<SimulationResult> results, TimeSpan wall)
    {
        static double Total(SimulationResult r) => (r.Site?.NetCostEur ?? r.NetCostEur) + r.WearEur;
        var naive = Total(results[0]);
        var bound = Total(results[^1]);
        var unpriced = year.Sessions.Count(s => s.Departure > year.Settings.Publication.KnownUntil(s.Arrival));
        var lines = new List<string>
        {
            $"user {year.User}, {year.Sessions.Count} sessions, {year.Sessions[0].Arrival:yyyy-MM-dd} to {year.Sessions[^1].Departure:yyyy-MM-dd}, "
            + $"{unpriced} departing after the prices known at arrival, wall {wall.TotalSeconds:0.0} s",
            "",
            "| strategy | net cost EUR | wear EUR | charged kWh | discharged kWh | full cycles | targets met | shortfall kWh | final SoC % | plans | time s | captured |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in results)
        {
            var captured = naive == bound ? "" : ((naive - Total(r)) / (naive - bound) * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Strategy} | {r.NetCostEur:0.00} | {r.WearEur:0.00} | {r.ChargedKwh:0} | {r.DischargedKwh:0} | {r.EquivalentFullCycles:0.0} | {r.TargetsMet}/{r.Sessions} | {r.ShortfallKwh:0.0} | {r.FinalSocPct:0.0} | {r.Plans} | {r.Elapsed.TotalSeconds:0.0} | {captured} |"));
        }
        if (results[0].Site is { } houseOnly)
        {
            lines.Add("");
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"The whole site (house, PV and car; the house alone: {houseOnly.HouseAloneCostEur:0.00} EUR); value = naive's bill − this bill (+ wear):"));
            lines.Add("");
            lines.Add("| strategy | site bill EUR | car's cost EUR | value EUR/year | car from PV kWh | car from grid kWh | V2H kWh | car exported kWh |");
            lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                var site = r.Site!;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Strategy} | {site.NetCostEur:0.00} | {site.CarCostEur:0.00} | {naive - Total(r):0.00} | {site.CarFromPvKwh:0} | {site.CarFromGridKwh:0} | {site.VehicleToHomeKwh:0} | {site.CarExportedKwh:0} |"));
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>A file of the shared data folder: ../shared/data next to the repository holding NetDaemonApps.sln.</summary>
    public static string DataFile(string name)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "NetDaemonApps.sln"))) continue;
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", name));
                if (File.Exists(path)) return path;
            }
        }
        throw new FileNotFoundException($"{name} not found in ../shared/data next to the repository; pass its path");
    }
}
