using System.Globalization;

namespace ChargeBridge.HassModel.Mqtt;

/// <summary>One entity published over MQTT discovery. Create it with the factory of its platform, which checks
/// what HA would refuse (a select without options, a number whose min is not below its max, a config sensor).</summary>
public sealed record MqttEntity
{
    public const string On = "ON";
    public const string Off = "OFF";
    public const string Press = "PRESS";

    private MqttEntity(MqttPlatform platform, string objectId, string name, MqttEntityCategory category)
    {
        if (!MqttOptions.TopicLevel().IsMatch(objectId))
            throw new ArgumentException($"object id '{objectId}' must be letters, digits, _ or - (it is a topic level and part of the unique_id)", nameof(objectId));
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"entity '{objectId}' needs a name", nameof(name));
        // HA refuses sensors and binary sensors in the config category: they cannot be set.
        if (category == MqttEntityCategory.Config && platform is MqttPlatform.Sensor or MqttPlatform.BinarySensor)
            throw new ArgumentException($"entity '{objectId}': a {platform} cannot be in the config category (use diagnostic)", nameof(category));
        Platform = platform;
        ObjectId = objectId;
        Name = name;
        Category = category;
    }

    public MqttPlatform Platform { get; }
    public string ObjectId { get; }
    public string Name { get; }
    public MqttEntityCategory Category { get; }
    public string? DeviceClass { get; private init; }
    public string? StateClass { get; private init; }
    public string? UnitOfMeasurement { get; private init; }
    /// <summary>An mdi icon (mdi:ev-station); null: HA's default for the device class.</summary>
    public string? Icon { get; private init; }
    public IReadOnlyList<string> Options { get; private init; } = [];
    public double Min { get; private init; }
    public double Max { get; private init; }
    public double Step { get; private init; }
    public MqttNumberMode Mode { get; private init; }
    /// <summary>True when the entity has a json_attributes_topic.</summary>
    public bool HasAttributes { get; private init; }

    /// <summary>The platform's name in discovery topics and HA's configuration.</summary>
    public string Component => Platform switch
    {
        MqttPlatform.Sensor => "sensor",
        MqttPlatform.BinarySensor => "binary_sensor",
        MqttPlatform.Select => "select",
        MqttPlatform.Number => "number",
        MqttPlatform.Button => "button",
        MqttPlatform.Switch => "switch",
        _ => throw new ArgumentOutOfRangeException(nameof(Platform), Platform, null),
    };

    /// <summary>Whether HA can send commands to it (everything but sensors and binary sensors).</summary>
    public bool TakesCommands => Platform is not (MqttPlatform.Sensor or MqttPlatform.BinarySensor);

    /// <summary>Whether it has a state topic (everything but buttons).</summary>
    public bool HasState => Platform != MqttPlatform.Button;

    /// <param name="options">The states of an enum sensor (HA wants them with device_class enum and nowhere else).</param>
    public static MqttEntity Sensor(string objectId, string name, string? unitOfMeasurement = null, string? deviceClass = null,
        string? stateClass = null, MqttEntityCategory category = MqttEntityCategory.None, bool hasAttributes = false,
        IReadOnlyList<string>? options = null, string? icon = null)
    {
        if (options is { Count: > 0 } && deviceClass != "enum")
            throw new ArgumentException($"sensor '{objectId}': options need device_class enum", nameof(options));
        return new(MqttPlatform.Sensor, objectId, name, category)
        {
            UnitOfMeasurement = unitOfMeasurement, DeviceClass = deviceClass, StateClass = stateClass, HasAttributes = hasAttributes,
            Options = options?.ToArray() ?? [], Icon = icon,
        };
    }

    /// <summary>A binary sensor: its states are <see cref="On"/> and <see cref="Off"/>.</summary>
    public static MqttEntity BinarySensor(string objectId, string name, string? deviceClass = null,
        MqttEntityCategory category = MqttEntityCategory.None, bool hasAttributes = false, string? icon = null) =>
        new(MqttPlatform.BinarySensor, objectId, name, category) { DeviceClass = deviceClass, HasAttributes = hasAttributes, Icon = icon };

    public static MqttEntity Select(string objectId, string name, IReadOnlyList<string> options,
        MqttEntityCategory category = MqttEntityCategory.None, bool hasAttributes = false)
    {
        if (options.Count == 0 || options.Any(string.IsNullOrEmpty) || options.Distinct(StringComparer.Ordinal).Count() != options.Count)
            throw new ArgumentException($"select '{objectId}' needs one or more distinct, non-empty options", nameof(options));
        return new(MqttPlatform.Select, objectId, name, category) { Options = options.ToArray(), HasAttributes = hasAttributes };
    }

    public static MqttEntity Number(string objectId, string name, double min, double max, double step, string? unitOfMeasurement = null,
        MqttNumberMode mode = MqttNumberMode.Auto, string? deviceClass = null, MqttEntityCategory category = MqttEntityCategory.None,
        bool hasAttributes = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
            throw new ArgumentException($"number '{objectId}': min {min} must be below max {max}", nameof(min));
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentException($"number '{objectId}': step {step} must be positive", nameof(step));
        return new(MqttPlatform.Number, objectId, name, category)
        {
            Min = min, Max = max, Step = step, UnitOfMeasurement = unitOfMeasurement, Mode = mode, DeviceClass = deviceClass,
            HasAttributes = hasAttributes,
        };
    }

    /// <summary>A button: HA sends <see cref="Press"/> on its command topic.</summary>
    public static MqttEntity Button(string objectId, string name, MqttEntityCategory category = MqttEntityCategory.None) =>
        new(MqttPlatform.Button, objectId, name, category);

    /// <summary>A switch: HA sends <see cref="On"/> or <see cref="Off"/>; its states are the same words.</summary>
    public static MqttEntity Switch(string objectId, string name, MqttEntityCategory category = MqttEntityCategory.None, bool hasAttributes = false) =>
        new(MqttPlatform.Switch, objectId, name, category) { HasAttributes = hasAttributes };

    /// <summary>Whether <paramref name="payload"/> is a command this entity accepts; otherwise why not.</summary>
    public bool Accepts(string payload, out string reason)
    {
        reason = Platform switch
        {
            MqttPlatform.Select when !Options.Contains(payload, StringComparer.Ordinal) => $"'{payload}' is not one of its options",
            MqttPlatform.Number => NumberProblem(payload),
            MqttPlatform.Switch when payload is not (On or Off) => $"'{payload}' is neither {On} nor {Off}",
            MqttPlatform.Button when payload != Press => $"'{payload}' is not {Press}",
            MqttPlatform.Sensor or MqttPlatform.BinarySensor => "it takes no commands",
            _ => "",
        };
        return reason.Length == 0;
    }

    private string NumberProblem(string payload)
    {
        if (!double.TryParse(payload, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return $"'{payload}' is not a number";
        return value < Min || value > Max
            ? $"{payload} is outside {Min.ToString(CultureInfo.InvariantCulture)}..{Max.ToString(CultureInfo.InvariantCulture)}"
            : "";
    }
}
