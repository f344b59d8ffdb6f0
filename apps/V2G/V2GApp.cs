using ChargeBridge.Chargers.Quasar;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>Smart and bidirectional charging of one car on a Wallbox Quasar: creates the settings helpers, binds
/// the charger and runs the <see cref="V2GController"/> loop with the local planner.</summary>
[NetDaemonApp(Id = "v2g")]
public sealed class V2GApp : IAsyncInitializable, IAsyncDisposable
{
    private readonly QuasarDriver _charger;
    private readonly HelperProvisioner _provisioner;
    private readonly V2GController _controller;

    public V2GApp(IHaContext ha, HaRestClient rest, HelperProvisioner provisioner, IAppConfig<V2GConfig> config, TimeProvider time,
        ILogger<V2GApp> logger)
    {
        var settings = config.Value;
        if (string.IsNullOrWhiteSpace(settings.ChargerHost))
            throw new InvalidOperationException(
                "V2GConfig:ChargerHost is not set: put the Wallbox Quasar's address (and ChargerPort) in apps/V2G/v2g.yaml");
        _provisioner = provisioner;
        _charger = new QuasarDriver(new QuasarDriverOptions { Host = settings.ChargerHost, Port = settings.ChargerPort, Clock = time });
        _controller = new V2GController(ha, new SensorPublisher(rest), _charger, new LocalPlanner(),
            new HaSensorPriceSource(ha, settings.PriceEntity), new CalendarReader(ha, settings.CalendarEntity), time,
            new Percent(settings.PracticalMaxSoc), TimeZoneInfo.Local, logger);
    }

    /// <summary>The loop, for the demo that runs it on a virtual clock and waits for its steps.</summary>
    internal V2GController Controller => _controller;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _provisioner.EnsureAsync(V2GEntities.Helpers, ct);
        _charger.Start();
        _controller.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _controller.Dispose();
        await _charger.DisposeAsync();
    }
}
