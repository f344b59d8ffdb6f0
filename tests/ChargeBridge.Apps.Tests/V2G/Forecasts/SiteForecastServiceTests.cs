using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ChargeBridge.Apps.Tests.V2G;
using ChargeBridge.Apps.V2G.Forecasts;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Apps.Tests.V2G.Forecasts;

public sealed class SiteForecastServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    // Wednesday 10 June 2026, 00:20 local.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 9, 22, 20, 0, TimeSpan.Zero));
    private readonly FakeLogCollector _logs = new();
    private readonly CancellationTokenSource _stop = new();
    private HomeAssistantFake _fake = null!;
    private HomeAssistantClient _client = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _fake = await HomeAssistantFake.StartAsync();
        _client = new HomeAssistantClient(_fake.ClientOptions(), new FakeLogger<HomeAssistantClient>(_logs), TimeProvider.System);
        _run = _client.RunAsync(_stop.Token);
        await _client.Connected.Where(up => up).FirstAsync().ToTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _run.WaitAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
        await _client.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static readonly ForecastConfig GridAndPv = new()
    {
        HouseStatistics = ["sensor.grid_import_energy", "-sensor.grid_export_energy", "sensor.pv_energy"],
        PvStatistic = "sensor.pv_power",
        SolarForecastToday = "sensor.energy_production_today",
        SolarForecastTomorrow = "sensor.energy_production_tomorrow",
    };

    /// <summary>28 days of hourly rows ending at the last whole hour: <paramref name="row"/> gives each hour's row from its local start.</summary>
    private void Seed(string statisticId, Func<DateTime, StatisticsRow, StatisticsRow> row)
    {
        var end = new DateTimeOffset(2026, 6, 9, 22, 0, 0, TimeSpan.Zero);
        _fake.SeedStatistics(statisticId, HaStatisticsPeriod.Hour, Enumerable.Range(1, 28 * 24)
            .Select(h => end.AddHours(-h)).Select(t => row(TimeZoneInfo.ConvertTime(t, Amsterdam).DateTime, new StatisticsRow(t, t.AddHours(1)))));
    }

    private static double Sun(DateTime local) => local.Hour is >= 6 and < 21 ? 4000 * Math.Sin(Math.PI * (local.Hour + 0.5 - 6) / 15) : 0;

    private SiteForecastService Service(ForecastConfig config, StaticHaContext? ha = null) =>
        new(config, _client.StatisticsDuringPeriodAsync, ha ?? new StaticHaContext(), _time, Amsterdam, new FakeLogger<SiteForecastService>(_logs));

    [Fact]
    public async Task The_house_is_grid_import_less_export_plus_pv_and_the_pv_follows_the_solar_forecast()
    {
        // The house uses 600 W, 2 kW at 19:00; PV covers part of it and the rest is exported.
        Seed("sensor.pv_energy", (t, r) => r with { Change = Sun(t) / 1000 });
        Seed("sensor.pv_power", (t, r) => r with { Mean = Sun(t) });
        double House(DateTime t) => t.Hour == 19 ? 2000 : 600;
        Seed("sensor.grid_import_energy", (t, r) => r with { Change = Math.Max(0, House(t) - Sun(t)) / 1000 });
        Seed("sensor.grid_export_energy", (t, r) => r with { Change = Math.Max(0, Sun(t) - House(t)) / 1000 });
        var ha = new StaticHaContext().Set("sensor.energy_production_today", "12.5").Set("sensor.energy_production_tomorrow", "unavailable");
        using var service = Service(GridAndPv, ha);

        await service.RefreshAsync(default);
        var now = _time.GetUtcNow();
        var forecast = service.SiteForecastFor(now, TimeSpan.FromHours(48));

        Assert.Equal(now, service.RefreshedAt);
        var house = forecast.HouseLoad!;
        Assert.Equal(TimeSpan.FromHours(1), house.Resolution);
        Assert.Equal(600, house.ValueAt(now)!.Value.Watts, 6);
        Assert.Equal(2000, house.ValueAt(now.AddHours(19))!.Value.Watts, 6);
        var todayKwh = forecast.PvPower!.Points.Where(p => p.Start < now.AddHours(23.67)).Sum(p => p.Value.Watts) / 1000;
        Assert.Equal(12.5, todayKwh, 6);
        Assert.Equal(Sun(new DateTime(2026, 6, 11, 13, 0, 0)), forecast.PvPower.ValueAt(now.AddHours(24 + 12.67))!.Value.Watts, 6);
    }

    [Fact]
    public async Task Nothing_is_forecast_before_the_first_fetch_and_a_failed_fetch_keeps_the_history_it_had()
    {
        Seed("sensor.house_power", (t, r) => r with { Mean = 450 });
        using var service = Service(new ForecastConfig { HouseStatistics = ["sensor.house_power"] });
        var now = _time.GetUtcNow();
        Assert.Null(service.SiteForecastFor(now, TimeSpan.FromHours(27)).HouseLoad);

        await service.RefreshAsync(default);
        _fake.InjectFault("recorder/statistics_during_period", FakeFault.Refuse);
        _time.Advance(TimeSpan.FromHours(1));
        await service.RefreshAsync(default);

        var forecast = service.SiteForecastFor(now, TimeSpan.FromHours(27));
        Assert.Equal(450, forecast.HouseLoad!.ValueAt(now)!.Value.Watts);
        Assert.Null(forecast.PvPower);
        Assert.Equal(now, service.RefreshedAt);
        Assert.Contains(_logs.GetSnapshot(), r => r.Message.Contains("House and PV history not fetched"));
    }

    [Fact]
    public void The_history_is_fetched_at_start_and_then_once_an_hour()
    {
        var queries = new List<StatisticsQuery>();
        using var service = new SiteForecastService(new ForecastConfig { PvStatistic = "sensor.pv_power", HistoryDays = 14 }, (q, _) =>
        {
            queries.Add(q);
            return Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>>>(new Dictionary<string, IReadOnlyList<StatisticsRow>>());
        }, new StaticHaContext(), _time, Amsterdam, new FakeLogger<SiteForecastService>(_logs));

        service.Start();
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Single(queries);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, queries.Count);
        var hour = new DateTimeOffset(2026, 6, 9, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(["sensor.pv_power"], queries[0].StatisticIds);
        Assert.Equal((hour.AddDays(-14), hour, HaStatisticsPeriod.Hour), (queries[0].Start, queries[0].End, queries[0].Period));
        Assert.Equal(hour.AddHours(1), queries[1].End);
    }

    [Fact]
    public void A_failed_fetch_is_tried_again_after_five_minutes_and_then_hourly()
    {
        var calls = 0;
        using var service = new SiteForecastService(new ForecastConfig { PvStatistic = "sensor.pv_power" }, (_, _) => ++calls == 1
            ? throw new HaConnectionException("not connected to Home Assistant")
            : Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<StatisticsRow>>>(new Dictionary<string, IReadOnlyList<StatisticsRow>>()),
            new StaticHaContext(), _time, Amsterdam, new FakeLogger<SiteForecastService>(_logs));

        service.Start();
        Assert.Null(service.RefreshedAt);
        _time.Advance(SiteForecastService.RetryDelay);
        Assert.Equal((2, _time.GetUtcNow()), (calls, service.RefreshedAt));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(2, calls);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Statistic_ids_that_are_not_ids_and_a_history_out_of_range_are_named()
    {
        var problems = new ForecastConfig { HouseStatistics = ["sensor.ok", "-Grid Import"], PvStatistic = "tibber:pv_production", SolarForecastToday = "today", HistoryDays = 3 }
            .Validate().Select(p => p.ToString()).ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("HouseStatistics") && p.Contains("'Grid Import'"));
        Assert.Contains(problems, p => p.StartsWith("SolarForecastToday"));
        Assert.Contains(problems, p => p.StartsWith("HistoryDays"));
    }
}
