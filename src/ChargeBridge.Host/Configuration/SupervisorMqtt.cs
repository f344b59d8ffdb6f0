using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ChargeBridge.HassModel.Mqtt;

namespace ChargeBridge.Host.Configuration;

/// <summary>
/// The MQTT broker the HA Supervisor offers an add-on that asks for it (config.yaml: <c>services: ["mqtt:want"]</c>):
/// <c>GET http://supervisor/services/mqtt</c> with the add-on's SUPERVISOR_TOKEN answers
/// <c>{"result": "ok", "data": {"host", "port", "ssl", "protocol", "username", "password", "addon"}}</c>, and an error
/// result when no broker add-on provides the service. Read as the <c>Mqtt:*</c> configuration keys.
/// </summary>
internal static class SupervisorMqtt
{
    public static readonly Uri Endpoint = new("http://supervisor/services/mqtt");

    /// <summary>The broker's <c>Mqtt:*</c> keys, or none with the reason (no broker installed, the Supervisor away,
    /// an answer of another shape): ChargeBridge then keeps to the REST path.</summary>
    public static async Task<(IReadOnlyList<KeyValuePair<string, string?>> Keys, string? Problem)> ReadAsync(HttpClient http, Uri endpoint,
        string token, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return Parse(body, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return ([], "the Supervisor did not answer: " + e.Message);
        }
    }

    public static (IReadOnlyList<KeyValuePair<string, string?>> Keys, string? Problem) Parse(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result) || result.GetString() != "ok")
                return ([], $"no MQTT service (HTTP {status}): " + (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) ? m.GetString() : body));
            var data = root.GetProperty("data");
            if (data.TryGetProperty("ssl", out var ssl) && ssl.ValueKind == JsonValueKind.True)
                return ([], "the broker asks for TLS, which ChargeBridge's MQTT connection does not speak");
            var host = data.GetProperty("host").GetString();
            if (string.IsNullOrWhiteSpace(host)) return ([], "the MQTT service names no host");
            string? Text(string key) => data.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var port = data.TryGetProperty("port", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 1883;
            return ([
                new($"{MqttOptions.Section}:Host", host),
                new($"{MqttOptions.Section}:Port", port.ToString(CultureInfo.InvariantCulture)),
                new($"{MqttOptions.Section}:Username", Text("username") ?? ""),
                new($"{MqttOptions.Section}:Password", Text("password") ?? ""),
            ], null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ([], $"the MQTT service's answer (HTTP {status}) is not the documented shape: {e.Message}");
        }
    }
}
