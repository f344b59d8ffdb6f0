using System.Globalization;
using System.Text.Json.Nodes;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Devices.HaEntities;

/// <summary>
/// A charger as a Home Assistant integration shows it, on an <see cref="HomeAssistantFake"/>: an enable switch, a
/// maximum-current number, an IEC 61851 status sensor (A no car, B connected, C charging), power, energy and SoC
/// sensors, and a charge-only car behind it that charges at current × phases × voltage while the switch is on; with
/// <see cref="HaChargerTwinOptions.PhaseSwitching"/> also a phases select (<c>1p</c>/<c>3p</c>) that switches the
/// phases while no current flows. It answers the switch, number and select service calls as the integration would,
/// and can lose the charger (entities
/// unavailable, calls refused). A timer on the clock publishes power, energy and SoC every update interval, so it
/// runs at real speed on the system clock and in no time on a virtual one.
/// </summary>
public sealed class HaChargerTwin : IDisposable
{
    private readonly HaChargerTwinOptions _options;
    private readonly HomeAssistantFake _fake;
    private readonly TimeProvider _clock;
    private readonly SimulatedBattery _battery;
    private readonly object _lock = new();
    private readonly IDisposable _handler;
    private readonly ITimer _timer;
    private DateTimeOffset _updatedAt;
    private Energy _delivered;
    private bool _car;
    private bool _enabled;
    private int _currentA;
    private int _phases;
    private bool _offline;
    private string? _refusal;

    private HaChargerTwin(HomeAssistantFake fake, HaChargerTwinOptions options)
    {
        _options = options;
        _fake = fake;
        _clock = options.Clock;
        _battery = new SimulatedBattery(options.BatteryCapacity, options.InitialSoc, options.ChargeEfficiency, 1);
        _car = options.CarConnected;
        _currentA = options.MaxCurrentA;
        if (options.PhaseSwitching && options.Phases != 3) throw new ArgumentException("a charger that switches phases is wired for 3", nameof(options));
        _phases = options.Phases;
        _updatedAt = _clock.GetUtcNow();
        var prefix = options.Name;
        Enable = $"switch.{prefix}_charge_control";
        Current = $"number.{prefix}_maximum_current";
        Status = $"sensor.{prefix}_status";
        PowerSensor = $"sensor.{prefix}_power";
        EnergySensor = $"sensor.{prefix}_energy";
        Soc = $"sensor.{prefix}_soc";
        PhasesEntity = options.PhaseSwitching ? $"select.{prefix}_phases" : null;
        Publish();
        _handler = fake.HandleServiceCalls(Handle);
        _timer = _clock.CreateTimer(_ => Update(), null, options.UpdateInterval, options.UpdateInterval);
    }

    /// <summary>Creates the entities on <paramref name="fake"/> and answers their service calls until disposed.</summary>
    public static HaChargerTwin Attach(HomeAssistantFake fake, HaChargerTwinOptions? options = null) => new(fake, options ?? new HaChargerTwinOptions());

    public string Enable { get; }
    public string Current { get; }
    public string Status { get; }
    public string PowerSensor { get; }
    public string EnergySensor { get; }
    public string Soc { get; }

    /// <summary>The phases select, or null when the twin cannot switch phases.</summary>
    public string? PhasesEntity { get; }

    /// <summary>The select's options: one for each phase count.</summary>
    public static readonly IReadOnlyList<string> PhaseOptions = ["1p", "3p"];

    /// <summary>The <c>ha-entities</c> keys that drive this twin.</summary>
    public IReadOnlyDictionary<string, string> ChargerKeys => PhasesEntity is null ? Keys : new Dictionary<string, string>(Keys) { ["PhasesEntity"] = PhasesEntity };

    private Dictionary<string, string> Keys => new()
    {
        ["Type"] = "ha-entities",
        ["Enable"] = Enable,
        ["Current"] = Current,
        ["Status"] = Status,
        ["PowerSensor"] = PowerSensor,
        ["EnergySensor"] = EnergySensor,
        ["Soc"] = Soc,
        ["Phases"] = _options.Phases.ToString(CultureInfo.InvariantCulture),
        ["MinCurrentA"] = _options.MinCurrentA.ToString(CultureInfo.InvariantCulture),
        ["MaxCurrentA"] = _options.MaxCurrentA.ToString(CultureInfo.InvariantCulture),
    };

    public Percent CarSoc
    {
        get { lock (_lock) return Advanced(() => _battery.Soc); }
    }

    public Power ActualPower
    {
        get { lock (_lock) return Advanced(ChargingPower); }
    }

    public Energy Delivered
    {
        get { lock (_lock) return Advanced(() => _delivered); }
    }

    public bool CarConnected
    {
        get { lock (_lock) return _car; }
    }

    public bool Enabled
    {
        get { lock (_lock) return _enabled; }
    }

    public int CurrentA
    {
        get { lock (_lock) return _currentA; }
    }

    /// <summary>The phases the charger charges on now.</summary>
    public int Phases
    {
        get { lock (_lock) return _phases; }
    }

    /// <summary>Plugs a car in, at <paramref name="soc"/> when given.</summary>
    public void Plug(Percent? soc = null) => Change(() =>
    {
        _car = true;
        if (soc is { } value) _battery.Reset(value);
    });

    public void Unplug() => Change(() => _car = false);

    /// <summary>The charger drops off the integration: every entity goes unavailable and calls are refused, until <see cref="Recover"/>.</summary>
    public void GoOffline() => Change(() => _offline = true);

    public void Recover() => Change(() => _offline = false);

    /// <summary>HA refuses every service call to the twin's entities with <paramref name="reason"/> (null: accepts them again),
    /// as an integration does whose charger rejects a command.</summary>
    public void RefuseCalls(string? reason) => Change(() => _refusal = reason);

    /// <summary>Brings the car up to the clock's time and publishes the sensors.</summary>
    public void Update() => Change(() => { });

    private string? Handle(RecordedCall call)
    {
        if (!call.EntityIds.Any(id => id == Enable || id == Current || id == PhasesEntity)) return null;
        lock (_lock)
        {
            if (_offline) return $"{string.Join(", ", call.EntityIds)} is unavailable: the charger does not answer";
            if (_refusal is not null) return _refusal;
            Advance();
            switch (call.Domain, call.Service)
            {
                case ("switch", "turn_on"):
                    _enabled = true;
                    break;
                case ("switch", "turn_off"):
                    _enabled = false;
                    break;
                case ("number", "set_value"):
                    var value = call.Data["value"]?.GetValue<double>() ?? double.NaN;
                    if (!(value >= _options.MinCurrentA && value <= _options.MaxCurrentA))
                        return string.Create(CultureInfo.InvariantCulture, $"Value {value} for {Current} is outside valid range {_options.MinCurrentA} - {_options.MaxCurrentA}");
                    _currentA = (int)value;
                    break;
                case ("select", "select_option") when PhasesEntity is not null:
                    var option = call.Data["option"]?.GetValue<string>();
                    if (option is null || !PhaseOptions.Contains(option))
                        return $"Option {option} is not valid for {PhasesEntity}; valid options are: {string.Join(", ", PhaseOptions)}";
                    var phases = option == "1p" ? 1 : 3;
                    // A contactor must not switch under load: the charger refuses while the car draws current.
                    if (phases != _phases && ChargingPower() > Power.Zero)
                        return $"{PhasesEntity}: cannot switch phases while charging";
                    _phases = phases;
                    break;
                default:
                    return $"Service {call.Domain}.{call.Service} not found.";
            }
            Publish();
            return null;
        }
    }

    private void Change(Action change)
    {
        lock (_lock)
        {
            Advance();
            change();
            Publish();
        }
    }

    private T Advanced<T>(Func<T> read)
    {
        Advance();
        return read();
    }

    /// <summary>Runs the car at the power of the time since the last step: the power is constant in between, as
    /// every change steps the model first.</summary>
    private void Advance()
    {
        var now = _clock.GetUtcNow();
        var power = ChargingPower();
        var elapsed = now - _updatedAt;
        _updatedAt = now;
        if (power == Power.Zero || elapsed <= TimeSpan.Zero) return;
        // Up to full only: the car stops drawing once the battery is full.
        var charging = _battery.TimeToLimit(power) is { } toFull && toFull < elapsed ? toFull : elapsed;
        _battery.Apply(power, charging);
        _delivered += power.Over(charging);
    }

    private Power ChargingPower() => _car && _enabled && !_offline && !_battery.IsFull
        ? Power.FromWatts(_currentA * _phases * _options.VoltageV)
        : Power.Zero;

    private void Publish()
    {
        if (_offline)
        {
            foreach (var id in new[] { Enable, Current, Status, PowerSensor, EnergySensor, Soc, PhasesEntity }.OfType<string>())
                SetIfChanged(id, "unavailable", null);
            return;
        }
        var power = ChargingPower();
        SetIfChanged(Enable, _enabled ? "on" : "off", new JsonObject { ["friendly_name"] = "Charge control" });
        SetIfChanged(Current, _currentA.ToString(CultureInfo.InvariantCulture), new JsonObject
        {
            ["min"] = _options.MinCurrentA, ["max"] = _options.MaxCurrentA, ["step"] = 1, ["mode"] = "slider",
            ["unit_of_measurement"] = "A", ["friendly_name"] = "Maximum current",
        });
        SetIfChanged(Status, !_car ? "A" : power == Power.Zero ? "B" : "C", new JsonObject { ["friendly_name"] = "Status" });
        SetIfChanged(PowerSensor, _options.PowerInKilowatts ? Number(power.Kilowatts, "0.###") : Number(power.Watts, "0"), new JsonObject
        {
            ["unit_of_measurement"] = _options.PowerInKilowatts ? "kW" : "W", ["device_class"] = "power", ["state_class"] = "measurement",
        });
        SetIfChanged(EnergySensor, Number(_delivered.KilowattHours, "0.###"), new JsonObject
        {
            ["unit_of_measurement"] = "kWh", ["device_class"] = "energy", ["state_class"] = "total_increasing",
        });
        if (PhasesEntity is not null)
            SetIfChanged(PhasesEntity, _phases == 1 ? "1p" : "3p", new JsonObject
            {
                ["options"] = new JsonArray([.. PhaseOptions.Select(o => JsonValue.Create(o))]), ["friendly_name"] = "Phases",
            });
        SetIfChanged(Soc, _car ? Number(_battery.Soc.Value, "0.#") : "unknown", new JsonObject { ["unit_of_measurement"] = "%", ["device_class"] = "battery" });
    }

    /// <summary>Sets a state only when it differs, as HA records a sensor only when its value changes.</summary>
    private void SetIfChanged(string entityId, string state, JsonObject? attributes)
    {
        var shown = _fake.GetState(entityId);
        if (shown?.State == state) return;
        _fake.SetState(entityId, state, attributes ?? (shown is null ? [] : null));
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _timer.Dispose();
        _handler.Dispose();
    }
}
