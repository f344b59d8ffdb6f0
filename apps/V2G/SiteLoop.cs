using System.Globalization;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G;

/// <summary>
/// The site loop: it owns the tick. At the control pace (<see cref="HomePowerConfig.PaceSeconds"/>) it reads the site's
/// meters (grid, PV, house battery; each optional), makes their <see cref="SiteBalance"/> with the loadpoints' powers,
/// runs home power control (<see cref="HomePowerLoop"/>) on the fresh readings and publishes the site's and the
/// loadpoints' home-power sensors; every <see cref="V2GController.TickInterval"/> it has each loadpoint step. A read that
/// hangs does not hold up the tick: control runs on the readings it has, which go stale and stop discharging. A meter
/// that fails or goes stale shows as <c>unknown</c> with the reason in the sensor's <c>problem</c> attribute; it never
/// stops the loadpoints, and a loadpoint's step never waits for another's.
/// </summary>
internal sealed class SiteLoop : IAsyncDisposable
{
    public const string GridPower = "sensor.chargebridge_grid_power";
    public const string PvPower = "sensor.chargebridge_pv_power";
    public const string BatteryPower = "sensor.chargebridge_battery_power";
    public const string HousePower = "sensor.chargebridge_house_power";
    /// <summary>PV production less the house's own use (W): what cars and the house battery may take without importing.</summary>
    public const string Surplus = "sensor.chargebridge_surplus";

    private readonly Site _site;
    private readonly IReadOnlyList<LoadpointRuntime> _loadpoints;
    private readonly SiteServices _services;
    private readonly LatestPublish _publish;
    private readonly HomePowerLoop _homePower;
    private readonly BackupLoop? _backup;
    private readonly FrequencyResponseLoop? _frequency;
    private readonly TelemetryWatch? _telemetry;
    private ITimer? _timer;
    private int _reading;
    private DateTimeOffset _balanceAt;
    private DateTimeOffset _nextStep = DateTimeOffset.MinValue;

    private SiteLoop(Site site, IReadOnlyList<LoadpointRuntime> loadpoints, SiteServices services, V2GConfig settings)
    {
        (_site, _loadpoints, _services) = (site, loadpoints, services);
        var config = settings.HomePower;
        Pace = config.Pace;
        _homePower = new HomePowerLoop(loadpoints, site.Meters, config, services);
        _backup = settings.Backup.Kind is { } source ? new BackupLoop(settings.Backup, source, site.Meters, settings.NotifyTargets, settings.DataFolder, services) : null;
        _frequency = settings.FrequencyResponse.Enabled ? new FrequencyResponseLoop(settings.FrequencyResponse, site.Meters, settings.NotifyTargets, services) : null;
        _telemetry = services.Telemetry.Status.State == TelemetryState.Off ? null : new TelemetryWatch(services.Telemetry, settings.NotifyTargets, services);
        _publish = new(e => services.Logger.LogWarning("Site sensors not published: {Reason}", e.Message));
    }

    /// <summary>How often the meters are read and followed.</summary>
    public TimeSpan Pace { get; }

    /// <summary>Whether a read of the meters is under way.</summary>
    public bool Busy => Volatile.Read(ref _reading) == 1;

    /// <summary>The site's and the loadpoints' home-power sensors are being published (tests and the demo in virtual
    /// time wait for them).</summary>
    public bool Publishing => _publish.Busy;

    /// <summary>The balance of the latest read; null before the first.</summary>
    public SiteBalance? Balance { get; private set; }

    public static SiteLoop Create(V2GConfig config, SiteServices services, IReadOnlyList<LoadpointRuntime> loadpoints)
    {
        IMeter? Build(Dictionary<string, string> spec, string key)
        {
            if (spec.Count == 0) return null;
            var build = services.Devices.Meter(DeviceSpec.From(spec), new DeviceContext(services.Time) { Ha = services.Ha, Logging = services.Logging });
            return build.Device ?? throw new InvalidOperationException($"{key}: " + string.Join("; ", build.Problems));
        }
        var meters = new SiteMeters(Build(config.Grid.Meter, "Grid:Meter"), Build(config.PvMeter, "PvMeter"), Build(config.BatteryMeter, "BatteryMeter"),
            config.Grid.Connection, services.Time);
        return new SiteLoop(new Site(meters, [.. loadpoints.Select(l => l.Loadpoint)]), loadpoints, services, config);
    }

    public void Start()
    {
        foreach (var meter in _site.Meters.All) (meter as IStartable)?.Start();
        _timer = _services.Time.CreateTimer(_ => _ = TickAsync(), null, TimeSpan.Zero, Pace);
    }

    /// <summary>One tick: the loadpoints step when their interval is up (each on its own queue), then the meters are read
    /// and followed; while an earlier read still hangs, control follows the readings it has.</summary>
    private async Task TickAsync()
    {
        var now = _services.Time.GetUtcNow();
        if (now >= _nextStep)
        {
            _nextStep = now + V2GController.TickInterval;
            foreach (var loadpoint in _loadpoints) loadpoint.Controller.Tick();
        }
        if (!_site.Meters.Any || Busy) Control();
        else await ReadAsync();
    }

    /// <summary>One read of every meter, the balance, control on it, and the sensors (published beside the loop).</summary>
    public async Task ReadAsync()
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1) return;
        try
        {
            Balance = await _site.ReadAsync(CancellationToken.None);
            _balanceAt = _services.Time.GetUtcNow();
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
        Control();
    }

    private void Control()
    {
        var now = _services.Time.GetUtcNow();
        // A balance no newer than the meters' stale age splits the statistics; an older one (reads hanging) splits nothing.
        var recent = Balance is { } b && now - _balanceAt <= _site.Meters.Connection.MeterStaleAfter ? b : null;
        foreach (var loadpoint in _loadpoints) loadpoint.Controller.Site = recent;
        // Backup leads over a frequency event, which leads over the modes (HomePowerControl keeps that order too).
        var car = BackupCar.Index(_loadpoints);
        var backup = _backup?.Step(now, recent, _loadpoints, car);
        var inBackup = backup?.Status.InBackup == true;
        var frequency = _frequency?.Step(now, _loadpoints, car, inBackup);
        var house = recent?.House is { } load ? MeterReading.Read(_balanceAt, load) : MeterReading.None;
        _homePower.Step(now, recent, new SiteOverride(inBackup, car, frequency?.SetPoint, house));
        _services.Telemetry.Publish(Sample(now, recent));
        var telemetry = _telemetry?.Step(now);
        var (balance, steps) = (Balance, _homePower.Steps.ToArray());
        var grants = Enumerable.Range(0, steps.Length).Select(_homePower.Grant).ToArray();
        var shed = _backup?.Controller.Shed.ToArray() ?? [];
        _publish.Post(() => PublishAsync(balance, steps, grants, backup, shed, frequency, telemetry));
    }

    /// <summary>What this step saw and left in force, for the telemetry sink.</summary>
    private TelemetrySample Sample(DateTimeOffset now, SiteBalance? balance) =>
        new(now, balance?.Grid, balance?.Pv, balance?.Battery, balance?.House, [.. _loadpoints.Select(l => new LoadpointSample(
            l.Loadpoint.Name.IsUnnamed ? "default" : l.Loadpoint.Name.Value, l.Charger.Status.ActualPower, l.Controller.InForce,
            l.Controller.HomePowerContext?.Input.Soc))]);

    private async Task PublishAsync(SiteBalance? balance, HomePowerStep[] steps, GridLimitGrant?[] grants, BackupStep? backup, string[] shed,
        FrequencyResponseStep? frequency, TelemetryStatus? telemetry)
    {
        for (var i = 0; i < steps.Length; i++) await HomePowerSensors.PublishAsync(_services.Publisher, _loadpoints[i], steps[i], grants[i]);
        if (_backup is not null || _frequency is not null) await SiteModeSensors.PublishAsync(_services.Publisher, backup, shed, frequency);
        if (telemetry is not null) await TelemetrySensor.PublishAsync(_services.Publisher, telemetry);
        if (balance is null) return;
        var problem = balance.Problems.Count == 0 ? null : string.Join("; ", balance.Problems);
        if (_site.Meters.Grid is not null)
            await Sensor(GridPower, "Grid power", balance.Grid, new { health = balance.GridHealth.ToString(), import_limit = _site.Meters.Connection.ImportLimit?.Watts,
                export_limit = _site.Meters.Connection.ExportLimit?.Watts, import_headroom = balance.ImportHeadroom?.Watts, problem });
        if (_site.Meters.Pv is not null) await Sensor(PvPower, "PV power", balance.Pv, new { problem });
        if (_site.Meters.Battery is not null) await Sensor(BatteryPower, "House battery power", balance.Battery, new { problem });
        if (_site.Meters.Grid is not null) await Sensor(HousePower, "House power", balance.House, new { loadpoints = balance.Loadpoints.Watts, problem });
        if (_site.Meters.Grid is not null)
            await Sensor(Surplus, "PV surplus", balance.Grid is { } grid ? balance.Loadpoints - grid + (balance.Battery ?? Power.Zero) : null, new { problem });
    }

    private Task Sensor(string entityId, string name, Power? value, object extra)
    {
        var attributes = new Dictionary<string, object?>
        {
            ["device_class"] = "power", ["unit_of_measurement"] = "W", ["state_class"] = "measurement", ["friendly_name"] = name,
        };
        foreach (var property in extra.GetType().GetProperties()) attributes[property.Name] = property.GetValue(extra);
        var state = value is { } p ? p.Watts.ToString("0", CultureInfo.InvariantCulture) : "unknown";
        return _services.Publisher.PublishAsync(entityId, state, attributes, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        _backup?.Dispose();
        _frequency?.Dispose();
        _telemetry?.Dispose();
        foreach (var meter in _site.Meters.All)
            if (meter is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }
}
