using System.Globalization;
using System.Text;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Prices;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Apps.Tests.V2G;

public class PriceSourcesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Now = new(2024, 10, 27, 10, 0, 0, TimeSpan.Zero);

    private static Task<PriceRead> ReadAsync(StaticHaContext ha, PricesConfig config) =>
        PriceSources.Create(config, ha, null, Amsterdam, NullLogger.Instance).ReadAsync(Now, CancellationToken.None);

    private static string Local(DateTimeOffset at, string separator = "T") =>
        TimeZoneInfo.ConvertTime(at, Amsterdam).ToString($"yyyy-MM-dd'{separator}'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The real NL day-ahead prices of one UTC-day range (EUR/kWh by UTC hour start) from the shared data.</summary>
    private static List<(DateTimeOffset Start, double Price)> DayAhead(DateTimeOffset from, DateTimeOffset until) =>
        File.ReadLines(RepoPaths.SharedFile("data", "nl_day_ahead_2024_jeroen_nl.csv")).Skip(1)
            .Select(line => line.Split(';'))
            .Select(f => (Start: new DateTimeOffset(DateTime.ParseExact(f[1].Trim('"'), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero),
                Price: double.Parse(f[2].Replace(',', '.'), CultureInfo.InvariantCulture)))
            .Where(r => r.Start >= from && r.Start < until).ToList();

    [Fact]
    public async Task Nord_Pool_on_the_real_autumn_daylight_saving_day_keeps_both_two_oclock_hours_the_missing_hour_is_a_gap_and_the_tariff_applies()
    {
        // 27 October 2024 in Amsterdam has 25 hours; the data lacks the second 02:00 (01:00 UTC).
        var day = DayAhead(new DateTimeOffset(2024, 10, 26, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 10, 27, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(24, day.Count);
        var today = string.Join(",", day.Select(r => $$"""{"start":"{{Local(r.Start)}}","end":"{{Local(r.Start.AddHours(1))}}","value":{{Num(r.Price)}}}"""));
        var ha = new StaticHaContext()
            .Set("sensor.nordpool_kwh_nl_eur", "0.08", $$"""{"unit_of_measurement":"EUR/kWh","raw_today":[{{today}}],"raw_tomorrow":[{"start":"2024-10-28T00:00:00+01:00","end":"2024-10-28T01:00:00+01:00","value":null}]}""", Now)
            .Set(V2GEntities.PriceMarkup.EntityId, "0.1")
            .Set(V2GEntities.Vat.EntityId, "21");

        var read = await ReadAsync(ha, new PricesConfig { Source = PriceSourceKind.NordPool, Entity = "sensor.nordpool_kwh_nl_eur" });

        var prices = Assert.IsType<PriceData>(read.Data).Prices;
        Assert.Equal(TimeSpan.FromHours(1), prices.Resolution);
        Assert.Equal(24, prices.Points.Count);
        Assert.Null(prices.ValueAt(new DateTimeOffset(2024, 10, 27, 1, 30, 0, TimeSpan.Zero)));
        foreach (var (start, price) in day)
            Assert.Equal((price + 0.1) * 1.21, prices.ValueAt(start.AddMinutes(30))!.Value.EurPerKwh, 9);
        Assert.Equal(Now, read.Data!.ReceivedAt);
    }

    [Fact]
    public async Task Nord_Pool_quarter_hours_in_cents_per_kWh_on_the_spring_day_give_92_quarter_hours_in_EUR()
    {
        var entries = new StringBuilder();
        var midnight = new DateTimeOffset(2025, 3, 29, 23, 0, 0, TimeSpan.Zero);
        for (var t = midnight; t < midnight.AddHours(23); t = t.AddMinutes(15))
            entries.Append(entries.Length > 0 ? "," : "").Append($$"""{"start":"{{Local(t)}}","end":"{{Local(t.AddMinutes(15))}}","value":12.5}""");
        var ha = new StaticHaContext().Set("sensor.nordpool", "12.5", $$"""{"unit":"kWh","price_in_cents":true,"raw_today":[{{entries}}]}""");

        var prices = (await ReadAsync(ha, new PricesConfig { Source = PriceSourceKind.NordPool, Entity = "sensor.nordpool" })).Data!.Prices;

        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Equal(92, prices.Points.Count);
        Assert.Equal(0.125, prices.ValueAt(midnight.AddHours(5))!.Value.EurPerKwh, 9);
    }

    [Fact]
    public async Task Entsoe_prices_are_read_from_time_and_price_with_local_times()
    {
        var entries = string.Join(",", Enumerable.Range(0, 8).Select(i =>
            $$"""{"time":"{{Local(Now.AddMinutes(15 * i), " ")}}","price":{{Num(0.2 + i / 100.0)}}}"""));
        var ha = new StaticHaContext().Set("sensor.average_electricity_price", "0.2", $$"""{"prices":[{{entries}}]}""");

        var prices = (await ReadAsync(ha, new PricesConfig { Source = PriceSourceKind.Entsoe, Entity = "sensor.average_electricity_price" })).Data!.Prices;

        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Equal(0.23, prices.ValueAt(Now.AddMinutes(50))!.Value.EurPerKwh, 9);
    }

    [Theory]
    [InlineData(false, 0.30)]
    [InlineData(true, 0.10)]
    public async Task Tibber_reads_the_total_or_with_the_option_the_spot_part(bool energyOnly, double expected)
    {
        var ha = new StaticHaContext().Set("sensor.tibber_prices", "0.3", $$"""
            {"today":[{"total":0.30,"energy":0.10,"tax":0.20,"startsAt":"{{Local(Now)}}"},{"total":0.31,"energy":0.11,"tax":0.20,"startsAt":"{{Local(Now.AddHours(1))}}"}],
             "tomorrow":[]}
            """);

        var prices = (await ReadAsync(ha, new PricesConfig { Source = PriceSourceKind.Tibber, Entity = "sensor.tibber_prices", TibberEnergyOnly = energyOnly }))
            .Data!.Prices;

        Assert.Equal(expected, prices.ValueAt(Now.AddMinutes(30))!.Value.EurPerKwh, 9);
    }

    [Fact]
    public async Task Octopus_current_and_next_day_rate_entities_are_read_as_one_half_hourly_series()
    {
        string Rates(DateTimeOffset from, double value) => string.Join(",", Enumerable.Range(0, 48).Select(i =>
            $$"""{"start":"{{from.AddMinutes(30 * i):yyyy-MM-ddTHH:mm:sszzz}}","end":"{{from.AddMinutes(30 * (i + 1)):yyyy-MM-ddTHH:mm:sszzz}}","value_inc_vat":{{Num(value)}},"is_capped":false}"""));
        var today = new DateTimeOffset(2024, 10, 27, 0, 0, 0, TimeSpan.Zero);
        var ha = new StaticHaContext()
            .Set("event.octopus_energy_electricity_current_day_rates", "unknown", $$"""{"rates":[{{Rates(today, 0.20)}}]}""", Now)
            .Set("event.octopus_energy_electricity_next_day_rates", "unknown", $$"""{"rates":[{{Rates(today.AddDays(1), 0.15)}}]}""", Now.AddHours(6));

        var read = await ReadAsync(ha, new PricesConfig
        {
            Source = PriceSourceKind.Octopus, Entity = "event.octopus_energy_electricity_current_day_rates",
            MoreEntities = ["event.octopus_energy_electricity_next_day_rates"],
        });

        var prices = read.Data!.Prices;
        Assert.Equal(TimeSpan.FromMinutes(30), prices.Resolution);
        Assert.Equal(96, prices.Points.Count);
        Assert.Equal(0.15, prices.ValueAt(today.AddDays(1).AddHours(3))!.Value.EurPerKwh, 9);
        Assert.Equal(Now.AddHours(6), read.Data.ReceivedAt);
    }

    [Fact]
    public async Task A_generic_sensor_of_quarter_hours_with_a_missing_entry_has_a_gap()
    {
        var ha = new StaticHaContext().Set("sensor.prices", "0.2", """
            {"prices":[{"time":"2024-10-27T10:00:00Z","value":0.2},{"time":"2024-10-27T10:15:00Z","value":0.21},
                       {"time":"2024-10-27T10:45:00Z","value":0.23},{"time":"2024-10-27T11:00:00Z","value":0.24}]}
            """);

        var prices = (await ReadAsync(ha, new PricesConfig { Entity = "sensor.prices" })).Data!.Prices;

        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Null(prices.ValueAt(Now.AddMinutes(35)));
        Assert.Equal(0.23, prices.ValueAt(Now.AddMinutes(50))!.Value.EurPerKwh, 9);
    }

    [Theory]
    [InlineData(null, "sensor.prices does not exist in Home Assistant")]
    [InlineData("""{"prices":"soon"}""", "sensor.prices has no readable prices (prices: attribute is String, not a list)")]
    [InlineData("""{"prices":[{"time":"today","value":1}]}""", "sensor.prices has no readable prices (prices: time 'today' has no UTC offset)")]
    [InlineData("{}", "sensor.prices has no readable prices (no price list)")]
    public async Task Without_usable_prices_there_are_none_and_the_reason_names_the_entity(string? attributes, string problem)
    {
        var ha = new StaticHaContext();
        if (attributes is not null) ha.Set("sensor.prices", "0.2", attributes);

        var read = await ReadAsync(ha, new PricesConfig { Entity = "sensor.prices" });

        Assert.Null(read.Data);
        Assert.Equal(problem, read.Problem);
    }

    [Fact]
    public async Task A_markup_or_VAT_change_counts_as_new_prices()
    {
        var ha = new StaticHaContext()
            .Set("sensor.prices", "0.2", """{"prices":[{"time":"2024-10-27T10:00:00Z","value":0.2}]}""", Now)
            .Set(V2GEntities.Vat.EntityId, "9", updated: Now.AddMinutes(20));

        var read = await ReadAsync(ha, new PricesConfig { Entity = "sensor.prices" });

        Assert.Equal(Now.AddMinutes(20), read.Data!.ReceivedAt);
        Assert.Equal(0.218, read.Data.Prices.Points[0].Value.EurPerKwh, 9);
    }

    [Theory]
    [InlineData(PriceSourceKind.FlexMeasures, "", null, true, "SensorId is not set")]
    [InlineData(PriceSourceKind.FlexMeasures, "", 7, false, "there is no V2GConfig:FlexMeasures section")]
    [InlineData(PriceSourceKind.NordPool, "", null, false, "Entity '' is not an entity id: put the price entity of the NordPool integration")]
    [InlineData(PriceSourceKind.Sensor, "prices", null, false, "Entity 'prices' is not an entity id")]
    public void A_price_section_that_cannot_work_is_refused_with_the_key_named(PriceSourceKind source, string entity, int? sensor, bool flexMeasures, string problem)
    {
        var config = new PricesConfig { Source = source, Entity = entity, SensorId = sensor };
        Assert.Contains(problem, Assert.Single(config.Validate(flexMeasures)).ToString());
    }

    [Fact]
    public void The_default_section_and_a_FlexMeasures_price_sensor_with_an_account_are_usable()
    {
        Assert.Empty(new PricesConfig().Validate(false));
        Assert.Empty(new PricesConfig { Source = PriceSourceKind.FlexMeasures, SensorId = 3 }.Validate(true));
        Assert.Equal("MoreEntities", Assert.Single(new PricesConfig { MoreEntities = ["next day"] }.Validate(false)).Key);
    }

    private static PricesConfig TimeOfUse(params TimeOfUseWindow[] windows) => new()
    {
        Import = ImportKind.TimeOfUse, Entity = "", TimeOfUse = new() { DefaultPrice = 0.25, Windows = [.. windows] },
    };

    [Fact]
    public async Task A_time_of_use_tariff_needs_no_entity_and_prices_from_local_midnight_with_the_markup_and_VAT_helpers_left_out()
    {
        var ha = new StaticHaContext().Set(V2GEntities.Vat.EntityId, "21");
        var config = TimeOfUse(new TimeOfUseWindow { Start = "02:00", End = "05:00", Price = 0.15 });
        Assert.Empty(config.Validate(false));

        var read = await ReadAsync(ha, config);

        // 27 October 2024 in Amsterdam: midnight is 22:00 UTC the day before, and 02:00–05:00 lasts four hours.
        var midnight = new DateTimeOffset(2024, 10, 26, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(midnight, read.Data!.ReceivedAt);
        Assert.Equal(midnight, read.Data.Prices.Points[0].Start);
        Assert.Equal(16, read.Data.Prices.Points.Count(p => p.Value.EurPerKwh == 0.15 && p.Start < midnight.AddHours(25)));
        Assert.Equal(0.25, read.Data.Prices.ValueAt(Now)!.Value.EurPerKwh);
        Assert.Null(read.Data.SellPrices);
    }

    [Fact]
    public async Task Octopus_Outgoing_export_rates_are_the_sell_prices_and_their_update_counts_as_new_prices()
    {
        const string outgoing = "event.octopus_energy_electricity_21e5000001_1900000000002_current_day_rates";
        var ha = new StaticHaContext()
            .Set("sensor.prices", "0.2", """{"prices":[{"time":"2024-10-27T10:00:00Z","value":0.2},{"time":"2024-10-27T11:00:00Z","value":0.3}]}""", Now)
            .Set(outgoing, "unknown", """
                {"rates":[{"start":"2024-10-27T10:00:00+00:00","end":"2024-10-27T10:30:00+00:00","value_inc_vat":0.11,"is_capped":false},
                          {"start":"2024-10-27T10:30:00+00:00","end":"2024-10-27T11:00:00+00:00","value_inc_vat":0.12,"is_capped":false}]}
                """, Now.AddMinutes(5));
        var config = new PricesConfig { Entity = "sensor.prices", Export = ExportKind.Entity, ExportSource = PriceSourceKind.Octopus, ExportEntity = outgoing };
        Assert.Empty(config.Validate(false));

        var read = await ReadAsync(ha, config);

        var sell = read.Data!.SellPrices!;
        Assert.Equal(TimeSpan.FromMinutes(30), sell.Resolution);
        Assert.Equal([0.11, 0.12, 0.0, 0.0], sell.Points.Select(p => p.Value.EurPerKwh));
        Assert.Equal(Now.AddMinutes(5), read.Data.ReceivedAt);
    }

    [Theory]
    [InlineData(ExportKind.Net, new[] { 0.218 })]
    [InlineData(ExportKind.Market, new[] { 0.2 })]
    [InlineData(ExportKind.Fixed, new[] { 0.07 })]
    public async Task Day_ahead_export_sells_at_the_net_the_bare_market_or_a_fixed_price(ExportKind export, double[] sell)
    {
        var ha = new StaticHaContext()
            .Set("sensor.prices", "0.2", """{"prices":[{"time":"2024-10-27T10:00:00Z","value":0.2}]}""", Now)
            .Set(V2GEntities.Vat.EntityId, "9");

        var read = await ReadAsync(ha, new PricesConfig { Entity = "sensor.prices", Export = export, ExportPrice = 0.07 });

        Assert.Equal(sell, (read.Data!.SellPrices ?? read.Data.Prices).Points.Select(p => Math.Round(p.Value.EurPerKwh, 6)));
    }

    [Theory]
    [InlineData("02:00", "05:00", "04:00", "06:00", "TimeOfUse:Windows:1 (04:00–06:00) overlaps Windows:0 (02:00–05:00) at 04:00")]
    [InlineData("02:00", "25:00", "16:00", "19:00", "TimeOfUse:Windows:0:End '25:00' is out of range")]
    [InlineData("05:00", "05:00", "16:00", "19:00", "TimeOfUse:Windows:0 starts and ends at 05:00")]
    public void A_time_of_use_tariff_that_cannot_work_is_refused_with_the_window_named(string start0, string end0, string start1, string end1, string problem)
    {
        var config = TimeOfUse(new TimeOfUseWindow { Start = start0, End = end0, Price = 0.1 }, new TimeOfUseWindow { Start = start1, End = end1, Price = 0.3 });
        Assert.StartsWith(problem, Assert.Single(config.Validate(false)).ToString());
    }

    [Fact]
    public void Export_settings_that_cannot_work_are_refused_with_the_key_named()
    {
        string Problem(PricesConfig config) => Assert.Single(config.Validate(false)).ToString();
        var marketOnTimeOfUse = TimeOfUse();
        marketOnTimeOfUse.Export = ExportKind.Market;

        Assert.StartsWith("TimeOfUse:DefaultPrice is not set", Problem(new PricesConfig { Import = ImportKind.TimeOfUse }));
        Assert.StartsWith("Export is Market, but a time-of-use import has no market price", Problem(marketOnTimeOfUse));
        Assert.StartsWith("ExportPrice is not set", Problem(new PricesConfig { Export = ExportKind.Fixed }));
        Assert.StartsWith("ExportEntity '' is not an entity id", Problem(new PricesConfig { Export = ExportKind.Entity }));
        Assert.StartsWith("ExportSource is FlexMeasures", Problem(new PricesConfig { Export = ExportKind.Entity, ExportSource = PriceSourceKind.FlexMeasures, ExportEntity = "event.x" }));
    }
}
