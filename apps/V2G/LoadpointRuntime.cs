using ChargeBridge.Apps.V2G.FlexMeasures;
using ChargeBridge.Apps.V2G.Notifications;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Apps.V2G.Statistics;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Planning;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Helpers;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// One loadpoint running: its charger (built by the device registry), its notifier, its statistics and FlexMeasures
/// outbox in its own folder, and its <see cref="V2GController"/> loop. Loadpoints share nothing that one of them
/// failing (its charger unreachable, its planner throwing) could stop.
/// </summary>
internal sealed class LoadpointRuntime : IAsyncDisposable
{
    private readonly FlexMeasuresLink? _flexMeasures;
    private readonly V2GNotifier _notifier;

    public LoadpointRuntime(LoadpointConfig config, V2GConfig site, SiteServices services)
    {
        var (ha, logger) = (services.Ha, services.Logger);
        Entities = new V2GEntities(config.LoadpointName);
        Priority = config.Priority;
        var folder = config.DataFolderIn(site.DataFolder);
        var build = services.Devices.Charger(config.ChargerSpec, new DeviceContext(services.Time) { Ha = ha, Logging = services.Logging });
        Charger = build.Device ?? throw new InvalidOperationException(
            $"loadpoint {config.LoadpointName}: " + string.Join("; ", build.Problems.Select(p => p.Under("Charger"))));
        _flexMeasures = config.FlexMeasures is { } account ? FlexMeasuresLink.Create(account, new LocalPlanner(), folder, services.Time, logger, services.Http) : null;
        Planner = _flexMeasures?.Planner ?? (IPlanner)new LocalPlanner();
        _notifier = new V2GNotifier(ha, services.Publisher, Entities, site.NotifyTargets, services.Zone, logger);
        Loadpoint = new Loadpoint(config.LoadpointName, Charger,
            new VehicleSoc(string.IsNullOrWhiteSpace(config.SocEntity) ? null : config.SocEntity), new Percent(config.PracticalMaxSoc));
        var setup = new LoadpointSetup(Loadpoint, Entities, new CalendarReader(ha, config.CalendarEntity), config.LearnedDepartures, services.Controls,
            config.Wear.ToWear(), config.EquipmentCostEur);
        Controller = new V2GController(ha, services.Publisher, setup, Planner,
            PriceSources.Create(site.Prices, ha, _flexMeasures?.Client, services.Zone, logger, services.Controls), services.Time, services.Zone, logger,
            _notifier, new StoredStatistics(new StatisticsStore(folder, logger), services.Zone, logger), _flexMeasures?.Recorder, services.Helpers, services.PlanSite)
        {
            ReserveSoc = site.Backup.Enabled ? new Percent(site.Backup.ReserveSoc) : null,
        };
    }

    public V2GEntities Entities { get; }
    /// <summary>Lower first when the grid limit shares the connection.</summary>
    public int Priority { get; }
    public Loadpoint Loadpoint { get; }
    public ICharger Charger { get; }
    public IPlanner Planner { get; }
    public V2GController Controller { get; }

    public void Start()
    {
        (Charger as IStartable)?.Start();
        _notifier.Start();
        _flexMeasures?.Start();
        Controller.Start(ownTick: false);
    }

    /// <summary>Leaves the charger at 0 W and handed back (bounded by <paramref name="ct"/>), then lets go of everything.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        try
        {
            await Controller.StopAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The charger did not answer in time: its idle timeout stops it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _notifier.Dispose();
        if (Charger is IAsyncDisposable disposable) await disposable.DisposeAsync();
        if (_flexMeasures is not null) await _flexMeasures.DisposeAsync();
    }
}
