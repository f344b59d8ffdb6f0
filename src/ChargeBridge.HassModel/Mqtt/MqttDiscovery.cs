using System.Text.Json;

namespace ChargeBridge.HassModel.Mqtt;

/// <summary>The topics of an entity and its HA MQTT discovery config, built once from the options and device.</summary>
internal static class MqttDiscovery
{
    public static string ConfigTopic(MqttOptions options, MqttEntity entity) =>
        $"{options.DiscoveryPrefix}/{entity.Component}/{options.BaseTopic}/{entity.ObjectId}/config";

    public static string StateTopic(MqttOptions options, MqttEntity entity) => $"{options.BaseTopic}/{entity.ObjectId}/state";
    public static string AttributesTopic(MqttOptions options, MqttEntity entity) => $"{options.BaseTopic}/{entity.ObjectId}/attributes";
    public static string CommandTopic(MqttOptions options, MqttEntity entity) => $"{options.BaseTopic}/{entity.ObjectId}/set";

    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>The config's JSON (UTF-8), with the keys HA's schema for the entity's platform asks for.</summary>
    public static byte[] Config(MqttOptions options, MqttDevice device, MqttEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", entity.Name);
            json.WriteString("unique_id", $"{device.UniqueIdPrefix}_{entity.ObjectId}");
            // HA (2025.10 on) takes the entity id from here instead of making one from the device and entity names.
            json.WriteString("default_entity_id", $"{entity.Component}.{entity.ObjectId}");
            if (entity.HasState) json.WriteString("state_topic", StateTopic(options, entity));
            if (entity.HasAttributes) json.WriteString("json_attributes_topic", AttributesTopic(options, entity));
            if (entity.TakesCommands) json.WriteString("command_topic", CommandTopic(options, entity));
            json.WriteString("availability_topic", options.AvailabilityTopic);
            json.WriteString("payload_available", Online);
            json.WriteString("payload_not_available", Offline);
            if (entity.Category != MqttEntityCategory.None)
                json.WriteString("entity_category", entity.Category == MqttEntityCategory.Config ? "config" : "diagnostic");
            if (entity.DeviceClass is { } deviceClass) json.WriteString("device_class", deviceClass);
            if (entity.StateClass is { } stateClass) json.WriteString("state_class", stateClass);
            if (entity.UnitOfMeasurement is { } unit) json.WriteString("unit_of_measurement", unit);
            if (entity.Icon is { } icon) json.WriteString("icon", icon);
            WritePlatformKeys(json, entity);
            WriteDevice(json, device);
            json.WriteStartObject("origin");
            json.WriteString("name", "ChargeBridge");
            json.WriteString("sw_version", device.SwVersion);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WritePlatformKeys(Utf8JsonWriter json, MqttEntity entity)
    {
        switch (entity.Platform)
        {
            case MqttPlatform.Sensor when entity.Options.Count > 0:
                json.WriteStartArray("options");
                foreach (var option in entity.Options) json.WriteStringValue(option);
                json.WriteEndArray();
                break;
            case MqttPlatform.Select:
                json.WriteStartArray("options");
                foreach (var option in entity.Options) json.WriteStringValue(option);
                json.WriteEndArray();
                break;
            case MqttPlatform.Number:
                json.WriteNumber("min", entity.Min);
                json.WriteNumber("max", entity.Max);
                json.WriteNumber("step", entity.Step);
                json.WriteString("mode", entity.Mode.ToString().ToLowerInvariant());
                break;
            case MqttPlatform.Button:
                json.WriteString("payload_press", MqttEntity.Press);
                break;
            case MqttPlatform.Switch:
                json.WriteString("payload_on", MqttEntity.On);
                json.WriteString("payload_off", MqttEntity.Off);
                json.WriteString("state_on", MqttEntity.On);
                json.WriteString("state_off", MqttEntity.Off);
                break;
            case MqttPlatform.BinarySensor:
                json.WriteString("payload_on", MqttEntity.On);
                json.WriteString("payload_off", MqttEntity.Off);
                break;
        }
    }

    private static void WriteDevice(Utf8JsonWriter json, MqttDevice device)
    {
        json.WriteStartObject("device");
        json.WriteStartArray("identifiers");
        foreach (var id in device.Identifiers) json.WriteStringValue(id);
        json.WriteEndArray();
        json.WriteString("name", device.Name);
        json.WriteString("manufacturer", device.Manufacturer);
        json.WriteString("model", device.Model);
        json.WriteString("sw_version", device.SwVersion);
        if (device.ConfigurationUrl is { } url) json.WriteString("configuration_url", url.ToString());
        json.WriteEndObject();
    }
}
