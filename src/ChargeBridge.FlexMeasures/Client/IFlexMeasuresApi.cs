using System.Text.Json.Nodes;
using Refit;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// The FlexMeasures API v3 endpoints ChargeBridge uses, as Refit generates them. Every call returns the raw response:
/// FlexMeasures answers "not ready yet" and field errors with statuses the client reads, so none of them is an
/// exception here. The Authorization header is the auth handler's (<see cref="FlexMeasuresAuthHandler"/>).
/// </summary>
public interface IFlexMeasuresApi
{
    [Post("/api/v3_0/sensors/{sensorId}/schedules/trigger")]
    Task<HttpResponseMessage> TriggerSensorSchedule(int sensorId, [Body] JsonObject trigger, CancellationToken ct);

    [Post("/api/v3_0/assets/{assetId}/schedules/trigger")]
    Task<HttpResponseMessage> TriggerAssetSchedule(int assetId, [Body] JsonObject trigger, CancellationToken ct);

    [Get("/api/v3_0/sensors/{sensorId}/schedules/{jobId}")]
    Task<HttpResponseMessage> GetSchedule(int sensorId, string jobId, string duration, CancellationToken ct);

    [Post("/api/v3_0/sensors/{sensorId}/data")]
    Task<HttpResponseMessage> PostSensorData(int sensorId, [Body] JsonObject data, CancellationToken ct);

    [Get("/api/v3_0/sensors/{sensorId}/data")]
    Task<HttpResponseMessage> GetSensorData(int sensorId, string start, string duration, string unit, string resolution, CancellationToken ct);

    [Get("/api/v3_0/sensors/{sensorId}")]
    Task<HttpResponseMessage> GetSensor(int sensorId, CancellationToken ct);
}
