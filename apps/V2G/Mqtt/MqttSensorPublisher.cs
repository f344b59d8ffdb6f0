using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Mqtt;

namespace ChargeBridge.Apps.V2G.Mqtt;

/// <summary>
/// Publishes the app's sensors as MQTT discovered entities with the same ids, states and attributes as the REST path:
/// a sensor is declared on its first publish, its device_class, unit, state_class, options, icon and friendly name going
/// into its discovery config and the rest of its attributes (the chart series among them) onto its json_attributes
/// topic, so the state stays small. HA keeps retained entities across its restarts, so nothing needs posting again.
/// </summary>
internal sealed class MqttSensorPublisher(MqttEntityPublisher publisher, Func<string, MqttDevice> deviceOf) : ISensorPublisher
{
    /// <summary>HA's "no value" for an MQTT sensor: its state becomes unknown (the text "unknown" is not a number).</summary>
    private const string NoValue = "None";
    private static readonly HashSet<string> Describing = ["device_class", "unit_of_measurement", "state_class", "friendly_name", "options", "icon"];

    private readonly Dictionary<string, string> _published = [];

    public bool Owns(string entityId) => false;

    public Task PublishAsync(string entityId, string state, object attributes, CancellationToken ct)
    {
        var (component, objectId) = Split(entityId);
        var all = JsonSerializer.SerializeToNode(attributes)?.AsObject() ?? [];
        var data = new JsonObject();
        foreach (var (key, value) in all.Where(a => !Describing.Contains(a.Key))) data[key] = value?.DeepClone();
        var payload = component == "binary_sensor" ? state.ToUpperInvariant() : state == "unknown" ? NoValue : state;
        var fingerprint = payload + "\n" + data.ToJsonString();
        lock (_published)
        {
            if (_published.TryGetValue(entityId, out var last) && last == fingerprint) return Task.CompletedTask;
            if (last is null) publisher.Declare(deviceOf(entityId), Entity(component, objectId, all));
            _published[entityId] = fingerprint;
        }
        publisher.SetState(objectId, payload);
        // Every sensor has an attributes topic: which attributes a sensor has may change from one publish to the next.
        publisher.SetAttributes(objectId, data.ToJsonString());
        return Task.CompletedTask;
    }

    private static MqttEntity Entity(string component, string objectId, JsonObject attributes)
    {
        string? Text(string key) => attributes[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var name = Text("friendly_name") ?? objectId;
        if (component == "binary_sensor") return MqttEntity.BinarySensor(objectId, name, Text("device_class"), hasAttributes: true, icon: Text("icon"));
        var options = attributes["options"] is JsonArray list ? list.Select(o => o?.GetValue<string>()).OfType<string>().ToList() : null;
        return MqttEntity.Sensor(objectId, name, Text("unit_of_measurement"), Text("device_class"), Text("state_class"),
            hasAttributes: true, options: options, icon: Text("icon"));
    }

    private static (string Component, string ObjectId) Split(string entityId)
    {
        var dot = entityId.IndexOf('.');
        return dot > 0 && entityId[..dot] is "sensor" or "binary_sensor"
            ? (entityId[..dot], entityId[(dot + 1)..])
            : throw new ArgumentException($"'{entityId}' is not a sensor or binary sensor", nameof(entityId));
    }
}
