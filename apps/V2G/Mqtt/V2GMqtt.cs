using System.Globalization;
using System.Reflection;
using ChargeBridge.Core.Notifications;
using ChargeBridge.Core.Site;
using ChargeBridge.HassModel.Helpers;
using ChargeBridge.HassModel.Mqtt;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Apps.V2G.Mqtt;

/// <summary>
/// The V2G app's entities over MQTT discovery on one broker connection: a device for the site (its meters' sensors,
/// the net price, the markup and VAT numbers) and one per loadpoint (its sensors; the charge mode as a select, one
/// button per mode, the settings as numbers and the on/off helpers as switches, all in the config category but the
/// mode). Every entity's object id is its helper's or sensor's object id, so HA gives it the entity id the REST path
/// used with the MQTT domain: input_number.chargebridge_min_soc becomes number.chargebridge_min_soc, the sensors keep theirs.
/// </summary>
internal sealed class V2GMqtt : IAsyncDisposable
{
    private readonly MqttEntityPublisher _publisher;
    private readonly ILogger _logger;
    private readonly TimeSpan _restoreTimeout;

    public V2GMqtt(MqttOptions options, IReadOnlyList<V2GEntities> loadpoints, TimeProvider time, ILoggerFactory logging)
    {
        _logger = logging.CreateLogger<V2GMqtt>();
        _restoreTimeout = options.RestoreTimeout;
        var version = typeof(V2GMqtt).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(V2GMqtt).Assembly.GetName().Version?.ToString() ?? "unknown";
        // HA's device page links to the ChargeBridge dashboard: an internal homeassistant:// address opens that path.
        var dashboard = new Uri("homeassistant:/" + MobileNotification.DashboardPath + "/0");
        Site = new MqttDevice([$"{options.BaseTopic}_site"], "ChargeBridge", "ChargeBridge", "Site", version, dashboard);
        var devices = loadpoints.ToDictionary(l => l, l => new MqttDevice([l.Loadpoint.IsUnnamed ? $"{options.BaseTopic}_loadpoint" : $"{options.BaseTopic}_loadpoint_{l.Loadpoint.Value}"],
            l.Loadpoint.IsUnnamed ? "ChargeBridge loadpoint" : "ChargeBridge " + l.Loadpoint.Value, "ChargeBridge", "Loadpoint", version, dashboard));
        Devices = [Site, .. devices.Values];

        var entities = new List<(MqttDevice, MqttEntity)>
        {
            (Site, Entity(V2GEntities.PriceMarkup, MqttEntityCategory.Config)), (Site, Entity(V2GEntities.Vat, MqttEntityCategory.Config)),
        };
        var buttons = new Dictionary<string, (HelperDefinition, string)>();
        var sensorDevices = new Dictionary<string, MqttDevice>();
        foreach (var (loadpoint, device) in devices)
        {
            foreach (var control in loadpoint.Helpers.Where(h => h != V2GEntities.PriceMarkup && h != V2GEntities.Vat))
                entities.Add((device, Entity(control, control == loadpoint.ChargeMode ? MqttEntityCategory.None : MqttEntityCategory.Config)));
            foreach (var (objectId, option) in ModeButtons(loadpoint))
            {
                entities.Add((device, MqttEntity.Button(objectId, option)));
                buttons.Add(objectId, (loadpoint.ChargeMode, option));
            }
            foreach (var sensor in loadpoint.Sensors.Concat(loadpoint.HomePowerSensors).Where(s => s != V2GEntities.NetPrice))
                sensorDevices[sensor] = device;
        }
        _publisher = new MqttEntityPublisher(options, entities, logging.CreateLogger<MqttEntityPublisher>(), time);
        Sensors = new MqttSensorPublisher(_publisher, id => sensorDevices.GetValueOrDefault(id, Site));
        var controls = loadpoints.SelectMany(l => l.Helpers).DistinctBy(h => h.EntityId);
        Controls = new MqttControls(_publisher, controls, buttons, time, _logger);
    }

    public MqttDevice Site { get; }
    /// <summary>The site's device first, then each loadpoint's.</summary>
    public IReadOnlyList<MqttDevice> Devices { get; }
    public MqttEntityPublisher Publisher => _publisher;
    public MqttSensorPublisher Sensors { get; }
    public MqttControls Controls { get; }

    /// <summary>The MQTT object id of a control: its helper's object id.</summary>
    public static string ObjectId(HelperDefinition helper) => helper.EntityId[(helper.Domain.Length + 1)..];

    /// <summary>One button per charge mode, named as the package's mode scripts (chargebridge_max_boost_now).</summary>
    public static IEnumerable<(string ObjectId, string Option)> ModeButtons(V2GEntities loadpoint) =>
        V2GEntities.ModeNames.Values.Select(option => (loadpoint.Loadpoint.EntityPrefix + HelperDefinition.Slugify(option), option));

    /// <summary>The MQTT entity a helper becomes: same object id, name, range, options.</summary>
    public static MqttEntity Entity(HelperDefinition helper, MqttEntityCategory category)
    {
        var fields = helper.Fields;
        double Number(string key) => Convert.ToDouble(fields[key], CultureInfo.InvariantCulture);
        return helper.Domain switch
        {
            "input_select" => MqttEntity.Select(ObjectId(helper), helper.Name, (IReadOnlyList<string>)fields["options"]!, category),
            "input_number" => MqttEntity.Number(ObjectId(helper), helper.Name, Number("min"), Number("max"), Number("step"),
                fields.GetValueOrDefault("unit_of_measurement") as string,
                fields.GetValueOrDefault("mode") as string == "box" ? MqttNumberMode.Box : MqttNumberMode.Slider, category: category),
            "input_boolean" => MqttEntity.Switch(ObjectId(helper), helper.Name, category),
            _ => throw new ArgumentException($"{helper.EntityId}: no MQTT entity for a {helper.Domain}", nameof(helper)),
        };
    }

    /// <summary>Connects, waits (up to <see cref="MqttOptions.RestoreTimeout"/>) for the retained settings to come back, then gives the controls nothing
    /// came back for their defaults. With the broker away the loop starts on the defaults without publishing them,
    /// so the values retained on the broker are not overwritten and come back at the connect.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _publisher.Start();
        try
        {
            await _publisher.Restored.WaitAsync(_restoreTimeout, ct);
            Controls.SetDefaults();
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("MQTT broker not reached within {Seconds} s: planning on the default settings until it answers", _restoreTimeout.TotalSeconds);
        }
    }

    /// <summary>Availability "offline" and a clean disconnect: HA shows every entity unavailable.</summary>
    public Task StopAsync(CancellationToken ct) => _publisher.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        Controls.Dispose();
        await _publisher.DisposeAsync();
    }
}
