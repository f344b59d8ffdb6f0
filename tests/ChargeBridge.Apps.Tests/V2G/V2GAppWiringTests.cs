using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Planning;
using ChargeBridge.FlexMeasures.Planning;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>What V2GApp builds from its config: the planner, the time zone, and refusals that name the key.</summary>
public sealed class V2GAppWiringTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chargebridge-app-" + Guid.NewGuid().ToString("N"));
    private readonly FakeLogCollector _logs = new();
    private HomeAssistantFake _fake = null!;
    private HomeAssistantClient _client = null!;
    private readonly CancellationTokenSource _stop = new();
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
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private V2GApp App(V2GConfig config) => new(new HaContext(_client, new FakeLogger<HaContext>(_logs)), new HaRestClient(new HttpClient(), _fake.ClientOptions()),
        new HelperProvisioner(_client, new FakeLogger<HelperProvisioner>(_logs)), new FixedConfig(config), _client, TimeProvider.System, new LoggerFactory([new FakeLoggerProvider(_logs)]),
        HttpHandlers.Factory);

    private V2GConfig Config(FlexMeasuresConfig? flexMeasures = null, PricesConfig? prices = null) =>
        new() { ChargerHost = "127.0.0.1", DataFolder = _folder, FlexMeasures = flexMeasures, Prices = prices ?? new PricesConfig() };

    private static FlexMeasuresConfig Account(string password = "pw-4411") => new()
    {
        Url = "http://127.0.0.1:9/", Email = "me@example.org", Password = password, PowerSensor = 1, ConsumptionPriceSensor = 2,
        ProductionPriceSensor = 2, SocSensor = 3, AvailabilitySensor = 4,
    };

    [Fact]
    public async Task Without_a_FlexMeasures_section_the_local_optimiser_plans_nothing_is_opened_and_HA_s_time_zone_is_used()
    {
        await using var app = App(Config());
        Assert.IsType<LocalPlanner>(app.Planner);
        Assert.Equal("Europe/Amsterdam", app.Zone.Id);
        Assert.False(File.Exists(Path.Combine(_folder, "flexmeasures-outbox.db")));
    }

    [Fact]
    public async Task With_a_FlexMeasures_section_FlexMeasures_plans_first_and_the_outbox_lives_in_the_data_folder()
    {
        await using var app = App(Config(Account()));
        Assert.IsType<FallbackPlanner>(app.Planner);
        Assert.True(File.Exists(Path.Combine(_folder, "flexmeasures-outbox.db")));
    }

    [Fact]
    public async Task Forecasts_are_kept_only_when_the_config_names_their_statistics()
    {
        await using (var plain = App(Config()))
        {
            Assert.Null(plain.Forecasts);
            Assert.Null(plain.PlanSite);
        }
        var config = Config();
        config.Forecast.HouseStatistics = ["sensor.house_power"];
        config.Grid.ImportLimitW = 17250;
        await using var app = App(config);
        Assert.NotNull(app.Forecasts);
        // The one loadpoint plans against the site: the forecast (no history yet) with the grid's limits.
        Assert.Equal(Core.Units.Power.FromWatts(17250), app.PlanSite!(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(27))!.Grid.ImportLimit);
        config.Forecast.HistoryDays = 2;
        Assert.Contains("V2GConfig:Forecast:HistoryDays", Assert.Throws<InvalidOperationException>(() => App(config)).Message);
    }

    [Theory]
    [InlineData("not a url", null, "V2GConfig:FlexMeasures:Url")]
    [InlineData(null, "", "V2GConfig:FlexMeasures:Password is empty")]
    public void An_incomplete_FlexMeasures_section_is_refused_with_the_key_named_and_never_the_password(string? url, string? password, string problem)
    {
        var account = Account(password ?? "pw-4411");
        if (url is not null) account.Url = url;
        var error = Assert.Throws<InvalidOperationException>(() => App(Config(account)));
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain("pw-4411", error.Message);
        Assert.DoesNotContain("pw-4411", account.ToString());
    }

    [Fact]
    public void A_sensor_id_of_zero_is_refused_with_its_key()
    {
        var account = Account();
        account.SocSensor = 0;
        Assert.Equal("SocSensor must be a FlexMeasures sensor id (a positive number), not 0.", Assert.Single(account.Validate()).ToString());
    }

    [Fact]
    public void FlexMeasures_prices_without_a_FlexMeasures_section_are_refused_before_anything_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => App(Config(prices: new PricesConfig { Source = PriceSourceKind.FlexMeasures, SensorId = 4 })));
        Assert.Contains("no V2GConfig:FlexMeasures section", error.Message);
        Assert.False(Directory.Exists(_folder));
    }

    private sealed class FixedConfig(V2GConfig value) : IAppConfig<V2GConfig>
    {
        public V2GConfig Value => value;
    }
}
