using System.Text.Json.Nodes;

namespace ChargeBridge.HassModel.Fake;

/// <summary>A service call the fake received, with its data and target merged as HA sees them.</summary>
public sealed record RecordedCall(string Domain, string Service, JsonObject Data, IReadOnlyList<string> EntityIds, bool ReturnResponse);

/// <summary>An event fired on the fake's bus through the WebSocket or REST API.</summary>
public sealed record RecordedEvent(string EventType, JsonObject Data);
