using System.Text.Json;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;

namespace ChargeBridge.Apps.V2G;

/// <summary>Publishes sensors through HA's REST API, skipping a sensor whose state and attributes did not change,
/// so a tick every minute does not flood HA's recorder. HA forgets states posted over REST when it restarts: a sensor
/// missing from HA is posted again whatever was sent before.</summary>
internal sealed class SensorPublisher(HaRestClient rest, IHaContext ha) : ISensorPublisher
{
    private readonly Dictionary<string, string> _published = [];

    /// <summary>Whether <paramref name="entityId"/> is one of the sensors this publisher posts.</summary>
    public bool Owns(string entityId)
    {
        lock (_published) return _published.ContainsKey(entityId);
    }

    public async Task PublishAsync(string entityId, string state, object attributes, CancellationToken ct)
    {
        var fingerprint = state + "\n" + JsonSerializer.Serialize(attributes);
        lock (_published)
            if (_published.TryGetValue(entityId, out var last) && last == fingerprint && ha.GetState(entityId) is not null) return;
        await rest.SetStateAsync(entityId, state, attributes, ct);
        lock (_published) _published[entityId] = fingerprint;
    }
}
