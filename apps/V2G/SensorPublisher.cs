using System.Text.Json;
using ChargeBridge.HassModel.Client;

namespace ChargeBridge.Apps.V2G;

/// <summary>Publishes sensors through HA's REST API, skipping a sensor whose state and attributes did not change,
/// so a tick every minute does not flood HA's recorder.</summary>
internal sealed class SensorPublisher(HaRestClient rest)
{
    private readonly Dictionary<string, string> _published = [];

    public async Task PublishAsync(string entityId, string state, object attributes, CancellationToken ct)
    {
        var fingerprint = state + "\n" + JsonSerializer.Serialize(attributes);
        if (_published.TryGetValue(entityId, out var last) && last == fingerprint) return;
        await rest.SetStateAsync(entityId, state, attributes, ct);
        _published[entityId] = fingerprint;
    }
}
