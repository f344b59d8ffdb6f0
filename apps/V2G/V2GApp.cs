using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>Smart and bidirectional charging of one car on a Wallbox Quasar: creates the settings helpers, binds
/// the charger and runs the <see cref="V2GController"/> loop with the local planner, or FlexMeasures first when configured.</summary>
[NetDaemonApp(Id = "v2g")]
public sealed class V2GApp : IAsyncInitializable, IAsyncDisposable
{
    private readonly QuasarDriver _charger;
    private readonly HelperUpkeep _helpers;
    private readonly V2GController _controller;
    private readonly V2GNotifier _notifier;
    private readonly FlexMeasuresLink? _flexMeasures;

    public V2GApp(IHaContext ha, HaRestClient rest, HelperProvisioner provisioner, IAppConfig<V2GConfig> config, HomeAssistantClient client,
        TimeProvider time, ILogger<V2GApp> logger)
    {
        var settings = config.Value;
        // The host names every problem before start-up; this guards hosts that do not (tests, other compositions).
        var problems = settings.Validate().Select(p => "V2GConfig:" + p).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        _helpers = new HelperUpkeep(provisioner, time, logger);
        var zone = Zone = HaTimeZone.Resolve(client.Config?.TimeZone, logger);
        _flexMeasures = settings.FlexMeasures is { } account
            ? FlexMeasuresLink.Create(account, new LocalPlanner(), settings.DataFolder, time, logger)
            : null;
        Planner = _flexMeasures?.Planner ?? (IPlanner)new LocalPlanner();
        _charger = new QuasarDriver(new QuasarDriverOptions { Host = settings.ChargerHost, Port = settings.ChargerPort, Clock = time });
        var publisher = new SensorPublisher(rest, ha);
        _notifier = new V2GNotifier(ha, publisher, settings.NotifyTargets, zone, logger);
        _controller = new V2GController(ha, publisher, _charger, Planner,
            PriceSources.Create(settings.Prices, ha, _flexMeasures?.Client, logger), new CalendarReader(ha, settings.CalendarEntity), time,
            new Percent(settings.PracticalMaxSoc), zone, logger, _notifier,
            string.IsNullOrWhiteSpace(settings.SocEntity) ? null : settings.SocEntity,
            new ChargingStatistics(new StatisticsStore(settings.DataFolder, logger), zone, logger), _flexMeasures?.Recorder, _helpers);
    }

    /// <summary>HA's time zone, in which calendar days and statistics periods are counted.</summary>
    internal TimeZoneInfo Zone { get; }

    /// <summary>Who plans: the local optimiser, or FlexMeasures with the local optimiser as fallback.</summary>
    internal IPlanner Planner { get; }

    /// <summary>The loop, for the demo that runs it on a virtual clock and waits for its steps.</summary>
    internal V2GController Controller => _controller;

    public async Task InitializeAsync(CancellationToken ct)
    {
        // A helper HA will not create costs its setting (the default holds, an alert says what to do), not the app.
        await _helpers.StartAsync(V2GEntities.Helpers, ct);
        _charger.Start();
        _notifier.Start();
        _flexMeasures?.Start();
        _controller.Start();
    }

    /// <summary>How long stopping may take to leave the charger at 0 W and handed back: well inside the 10 s that
    /// `docker stop` and the Supervisor give a container before they kill it.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _controller.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The charger did not answer in time: its idle timeout stops it.
            }
        }
        _helpers.Dispose();
        _notifier.Dispose();
        await _charger.DisposeAsync();
        if (_flexMeasures is not null) await _flexMeasures.DisposeAsync();
    }
}
