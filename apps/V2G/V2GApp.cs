using ChargeBridge.Apps.V2G.Forecasts;
using ChargeBridge.Apps.V2G.Mqtt;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>Smart and bidirectional charging for a site: creates the settings helpers of every loadpoint, builds each
/// loadpoint's charger from the device registry and runs its <see cref="V2GController"/> loop (the local planner, or
/// FlexMeasures first when that loadpoint has an account), and reads the site's meters. With MQTT options its entities
/// are MQTT discovered devices and entities instead of REST sensors and input_* helpers (<see cref="V2GMqtt"/>).</summary>
[NetDaemonApp(Id = "v2g")]
public sealed class V2GApp : IAsyncInitializable, IAsyncDisposable
{
    private readonly HelperUpkeep? _helpers;
    private readonly V2GMqtt? _mqtt;
    private readonly List<LoadpointRuntime> _loadpoints = [];
    private readonly SiteLoop _site;

    public V2GApp(IHaContext ha, HaRestClient rest, HelperProvisioner provisioner, IAppConfig<V2GConfig> config, HomeAssistantClient client,
        TimeProvider time, ILoggerFactory logging, IHttpMessageHandlerFactory http, MqttOptions? mqtt = null, ITelemetrySink? telemetry = null)
    {
        var logger = logging.CreateLogger<V2GApp>();
        var settings = config.Value;
        // The host names every problem before start-up; this guards hosts that do not (tests, other compositions).
        var problems = settings.Validate().Select(p => "V2GConfig:" + p).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        Zone = HaTimeZone.Resolve(client.Config?.TimeZone, logger);
        // One transport for the entities; everything below reads and publishes through it the same way.
        if (mqtt is not null) _mqtt = new V2GMqtt(mqtt, [.. settings.LoadpointsInUse.Select(l => new V2GEntities(l.LoadpointName))], time, logging);
        else _helpers = new HelperUpkeep(provisioner, time, logger);
        ISensorPublisher publisher = _mqtt is null ? new SensorPublisher(rest, ha) : _mqtt.Sensors;
        IControlEntities controls = _mqtt is null ? new HelperControls(ha) : _mqtt.Controls;
        Forecasts = settings.Forecast.Enabled ? new SiteForecastService(settings.Forecast, client.StatisticsDuringPeriodAsync, ha, time, Zone, logger) : null;
        var forecasts = Forecasts;
        var grid = settings.Grid.Connection;
        // One car plans against the house; with several, each would count the same PV and house twice, so they plan alone.
        var services = new SiteServices(ha, publisher, controls, time, Zone, logger, logging, DeviceRegistry.Default, _helpers, http)
        {
            PlanSite = forecasts is not null && settings.LoadpointsInUse.Count == 1 ? (from, horizon) => forecasts.SiteForecastFor(from, horizon) with { Grid = grid } : null,
            Telemetry = telemetry ?? NoTelemetry.Instance,
        };
        PlanSite = services.PlanSite;
        foreach (var loadpoint in settings.LoadpointsInUse) _loadpoints.Add(new LoadpointRuntime(loadpoint, settings, services));
        _site = SiteLoop.Create(settings, services, _loadpoints);
    }

    /// <summary>What each plan knows of the house, PV and grid limits (null: each car plans alone).</summary>
    internal Func<DateTimeOffset, TimeSpan, SiteForecast?>? PlanSite { get; }

    /// <summary>HA's time zone, in which calendar days and statistics periods are counted.</summary>
    internal TimeZoneInfo Zone { get; }

    /// <summary>The site's loadpoints, in configuration order.</summary>
    internal IReadOnlyList<LoadpointRuntime> Loadpoints => _loadpoints;

    /// <summary>Who plans the first loadpoint: the local optimiser, or FlexMeasures with the local optimiser as fallback.</summary>
    internal IPlanner Planner => _loadpoints[0].Planner;

    /// <summary>The first loadpoint's loop, for the demo that runs it on a virtual clock and waits for its steps.</summary>
    internal V2GController Controller => _loadpoints[0].Controller;

    /// <summary>Every loadpoint's loop, in configuration order.</summary>
    internal IReadOnlyList<V2GController> Controllers => [.. _loadpoints.Select(l => l.Controller)];

    /// <summary>The site loop: the tick, the site's meters and the balance published from them.</summary>
    internal SiteLoop Site => _site;

    /// <summary>The house-load and PV forecasts, when <see cref="V2GConfig.Forecast"/> names their statistics.</summary>
    internal SiteForecastService? Forecasts { get; }

    public async Task InitializeAsync(CancellationToken ct)
    {
        // A helper HA will not create costs its setting (the default holds, an alert says what to do), not the app.
        if (_helpers is not null) await _helpers.StartAsync(_loadpoints.SelectMany(l => l.Entities.Helpers).DistinctBy(h => h.EntityId).ToList(), ct);
        // The settings retained on the broker come back before the first plan.
        if (_mqtt is not null) await _mqtt.StartAsync(ct);
        foreach (var loadpoint in _loadpoints) loadpoint.Start();
        _site.Start();
        Forecasts?.Start();
    }

    /// <summary>How long stopping may take to leave the chargers at 0 W and handed back: well inside the 10 s that
    /// `docker stop` and the Supervisor give a container before they kill it.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        Forecasts?.Dispose();
        await _site.DisposeAsync();
        using (var stop = new CancellationTokenSource(StopTimeout))
            await Task.WhenAll(_loadpoints.Select(l => l.StopAsync(stop.Token)));
        _helpers?.Dispose();
        foreach (var loadpoint in _loadpoints) await loadpoint.DisposeAsync();
        if (_mqtt is not null)
        {
            // Offline last, once the chargers are safe: HA then shows every entity unavailable.
            using (var stop = new CancellationTokenSource(StopTimeout)) await _mqtt.StopAsync(stop.Token);
            await _mqtt.DisposeAsync();
        }
    }
}
