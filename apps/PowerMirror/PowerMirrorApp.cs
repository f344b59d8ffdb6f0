using System.Globalization;
using ChargeBridge.Core.Units;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Runtime;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.PowerMirror;

/// <summary>Mirrors a power sensor into a kW sensor with the attributes HA's energy and history views need.
/// The smallest complete app: config, a state stream, unit conversion at the edge, and publishing a sensor.</summary>
[NetDaemonApp(Id = "power_mirror")]
public sealed class PowerMirrorApp : IAsyncInitializable, IDisposable
{
    private readonly IHaContext _ha;
    private readonly HaRestClient _rest;
    private readonly PowerMirrorConfig _config;
    private readonly ILogger _logger;
    private IDisposable? _subscription;

    public PowerMirrorApp(IHaContext ha, HaRestClient rest, IAppConfig<PowerMirrorConfig> config, ILogger<PowerMirrorApp> logger)
    {
        _ha = ha;
        _rest = rest;
        _config = config.Value;
        _logger = logger;
    }

    public Task InitializeAsync(CancellationToken ct)
    {
        _subscription = _ha.Entity(_config.Source).StateAllChanges().SubscribeSafeAsync(c => PublishAsync(c.New), _logger);
        return PublishAsync(_ha.GetState(_config.Source));
    }

    private Task PublishAsync(EntityState? source)
    {
        var power = ReadPower(source);
        var state = power is { } p ? p.Kilowatts.ToString("0.###", CultureInfo.InvariantCulture) : "unavailable";
        return _rest.SetStateAsync(_config.Target, state, new
        {
            unit_of_measurement = "kW",
            device_class = "power",
            state_class = "measurement",
            friendly_name = _config.FriendlyName,
            source = _config.Source,
        });
    }

    /// <summary>The sensor's power, or null when it has none (unknown, unavailable, not a number, an unknown unit).</summary>
    internal static Power? ReadPower(EntityState? state) =>
        state?.NumericState is not { } value ? null
        : state.AttributeString("unit_of_measurement") switch
        {
            "W" or null => Power.FromWatts(value),
            "kW" => Power.FromKilowatts(value),
            "MW" => Power.FromMegawatts(value),
            _ => null,
        };

    public void Dispose() => _subscription?.Dispose();
}
