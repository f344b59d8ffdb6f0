using System.Text.Json;

namespace ChargeBridge.HassModel.Tests;

/// <summary>The parts of HA's MQTT discovery schema a config must meet, per platform, from HA's documentation:
/// the required keys, their types, a device block and topics a client may publish to.</summary>
internal static class MqttDiscoverySchema
{
    private static readonly string[] EntityCategories = ["config", "diagnostic"];
    private static readonly string[] NumberModes = ["auto", "box", "slider"];

    /// <summary>The problems of the config on <paramref name="configTopic"/>, empty when HA would accept it.</summary>
    public static IReadOnlyList<string> Problems(string configTopic, string payload)
    {
        var problems = new List<string>();
        var levels = configTopic.Split('/');
        if (levels.Length is not (4 or 5) || levels[^1] != "config")
            return [$"{configTopic}: not <prefix>/<component>/[<node_id>/]<object_id>/config"];
        var component = levels[1];
        using var document = JsonDocument.Parse(payload);
        var config = document.RootElement;

        void Require(string key, JsonValueKind kind)
        {
            if (!config.TryGetProperty(key, out var value)) problems.Add($"{configTopic}: {key} missing");
            else if (value.ValueKind != kind) problems.Add($"{configTopic}: {key} is {value.ValueKind}, not {kind}");
        }
        void Topic(string key, bool required)
        {
            if (!config.TryGetProperty(key, out var value)) { if (required) problems.Add($"{configTopic}: {key} missing"); return; }
            var topic = value.GetString() ?? "";
            if (topic.Length == 0 || topic.Contains('+') || topic.Contains('#') || topic.Contains("//") || topic.StartsWith('/') || topic.EndsWith('/'))
                problems.Add($"{configTopic}: {key} '{topic}' is not a topic one can publish to");
        }

        Require("unique_id", JsonValueKind.String);
        Require("name", JsonValueKind.String);
        Require("device", JsonValueKind.Object);
        if (config.TryGetProperty("device", out var device) && device.ValueKind == JsonValueKind.Object &&
            (!device.TryGetProperty("identifiers", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0))
            problems.Add($"{configTopic}: device.identifiers missing or empty");
        Topic("availability_topic", required: true);
        Topic("json_attributes_topic", required: false);
        if (config.TryGetProperty("entity_category", out var category) && !EntityCategories.Contains(category.GetString()))
            problems.Add($"{configTopic}: entity_category '{category}' is not config or diagnostic");

        switch (component)
        {
            case "sensor" or "binary_sensor":
                Topic("state_topic", required: true);
                if (config.TryGetProperty("command_topic", out _)) problems.Add($"{configTopic}: a {component} has no command_topic");
                if (category.ValueKind == JsonValueKind.String && category.GetString() == "config")
                    problems.Add($"{configTopic}: a {component} cannot be in the config category");
                break;
            case "select":
                Topic("command_topic", required: true);
                Require("options", JsonValueKind.Array);
                if (config.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() == 0)
                    problems.Add($"{configTopic}: options is empty");
                break;
            case "number":
                Topic("command_topic", required: true);
                Require("min", JsonValueKind.Number);
                Require("max", JsonValueKind.Number);
                Require("step", JsonValueKind.Number);
                if (config.TryGetProperty("min", out var min) && config.TryGetProperty("max", out var max) && min.GetDouble() >= max.GetDouble())
                    problems.Add($"{configTopic}: min is not below max");
                if (config.TryGetProperty("mode", out var mode) && !NumberModes.Contains(mode.GetString()))
                    problems.Add($"{configTopic}: mode '{mode}' is not auto, box or slider");
                break;
            case "button" or "switch":
                Topic("command_topic", required: true);
                break;
            default:
                problems.Add($"{configTopic}: unexpected component {component}");
                break;
        }
        return problems;
    }
}
