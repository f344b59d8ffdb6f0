using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Refit;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// The FlexMeasures API v3 as ChargeBridge uses it: the Refit interface <see cref="IFlexMeasuresApi"/> over an HttpClient
/// whose handlers start with <see cref="FlexMeasuresAuthHandler"/> (login, token, 401 re-login), and on top the
/// protocol's rules: job ids from either server generation, polling a schedule until ready, errors as exceptions
/// with the server's message and no secret in them. Waiting between polls uses <see cref="TimeProvider"/>.
/// </summary>
public sealed class FlexMeasuresClient
{
    private readonly IFlexMeasuresApi _api;
    private readonly FlexMeasuresAuthHandler _auth;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly PollingPolicy _polling;
    private readonly ILogger _log;

    /// <param name="http">An HttpClient whose handlers include <paramref name="auth"/>, its BaseAddress the server root,
    /// its Timeout the bound of each request (<see cref="Create"/> builds one).</param>
    public FlexMeasuresClient(HttpClient http, FlexMeasuresAuthHandler auth, TimeProvider time, PollingPolicy? polling = null, ILogger? logger = null)
    {
        _api = RestService.For<IFlexMeasuresApi>(http);
        _auth = auth;
        _timeout = http.Timeout;
        _time = time;
        _polling = polling ?? PollingPolicy.Default;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>A client on one account over <paramref name="primary"/> (an <c>IHttpMessageHandlerFactory</c>'s handler,
    /// a test's, or a new one): the auth handler in front of it, the HttpClient at <paramref name="baseAddress"/>.
    /// Disposing the returned HttpClient disposes the auth handler, not <paramref name="primary"/>.</summary>
    public static (FlexMeasuresClient Client, HttpClient Http) Create(HttpMessageHandler primary, Uri baseAddress, TimeSpan timeout,
        FlexMeasuresCredentials credentials, TimeProvider time, PollingPolicy? polling = null, ILogger? logger = null)
    {
        var auth = new FlexMeasuresAuthHandler(baseAddress, credentials, logger) { InnerHandler = new Unowned(primary) };
        var http = new HttpClient(auth) { BaseAddress = baseAddress, Timeout = timeout };
        return (new FlexMeasuresClient(http, auth, time, polling, logger), http);
    }

    /// <summary>Asks for a schedule of one power sensor; returns the job id to poll with.</summary>
    public async Task<string> TriggerSensorScheduleAsync(int sensorId, ScheduleTrigger trigger, CancellationToken ct)
    {
        var answer = await CallAsync("POST", $"sensors/{sensorId}/schedules/trigger", () => _api.TriggerSensorSchedule(sensorId, trigger.ToSensorRequest(), ct), ct);
        return JobId(answer);
    }

    /// <summary>Asks FlexMeasures 1.0's asset endpoint for a schedule of the asset holding <paramref name="powerSensor"/>.</summary>
    public async Task<string> TriggerAssetScheduleAsync(int assetId, int powerSensor, ScheduleTrigger trigger, CancellationToken ct)
    {
        var answer = await CallAsync("POST", $"assets/{assetId}/schedules/trigger", () => _api.TriggerAssetSchedule(assetId, trigger.ToAssetRequest(powerSensor), ct), ct);
        return JobId(answer);
    }

    /// <summary>
    /// Fetches the schedule of a job, polling while the server says it is not ready yet, with a growing delay, until
    /// the policy's deadline. A failed job or an unknown id ends polling at once.
    /// </summary>
    public async Task<FlexMeasuresSchedule> GetScheduleAsync(int sensorId, string jobId, TimeSpan duration, CancellationToken ct)
    {
        var started = _time.GetUtcNow();
        var delay = _polling.FirstDelay;
        while (true)
        {
            var answer = await CallAsync("GET", $"sensors/{sensorId}/schedules/{jobId}", () => _api.GetSchedule(sensorId, jobId, IsoDuration.Format(duration), ct), ct);
            if (ScheduleAnswer.Read(answer, jobId) is { } schedule)
                return schedule;

            var pause = answer.RetryAfter is { } retryAfter && retryAfter > delay ? retryAfter : delay;
            if (_time.GetUtcNow() + pause - started > _polling.Deadline)
                throw new FlexMeasuresTimeoutException(
                    $"Schedule {jobId} was not ready within {_polling.Deadline.TotalSeconds:0} s (last answer HTTP {answer.Status}).");
            _log.LogDebug("Schedule {Job} not ready (HTTP {Status}); asking again in {Delay} ms", jobId, answer.Status, pause.TotalMilliseconds);
            await Task.Delay(pause, _time, ct);
            delay = _polling.Next(delay);
        }
    }

    /// <summary>Posts measurements. <paramref name="horizon"/> fixes the belief time relative to each event's end,
    /// which makes a repeated post of the same data a duplicate the server recognises instead of new beliefs.</summary>
    public async Task PostSensorDataAsync(int sensorId, SensorSeries series, TimeSpan? horizon, CancellationToken ct)
    {
        var values = new JsonArray();
        foreach (var value in series.Values) values.Add(value);
        var body = new JsonObject
        {
            ["sensor"] = sensorId,
            ["start"] = Quantity.Timestamp(series.Start),
            ["duration"] = IsoDuration.Format(series.Duration),
            ["unit"] = series.Unit,
            ["values"] = values,
        };
        if (horizon is { } h) body["horizon"] = h == TimeSpan.Zero ? "PT0H" : IsoDuration.Format(h);
        var answer = await CallAsync("POST", $"sensors/{sensorId}/data", () => _api.PostSensorData(sensorId, body, ct), ct);
        answer.ThrowUnlessSuccess($"Posting data to sensor {sensorId}");
    }

    /// <summary>Reads sensor data such as prices or emission intensities; slots without data come back as null.</summary>
    public async Task<SensorSeries> GetSensorDataAsync(int sensorId, DateTimeOffset start, TimeSpan duration, string unit, TimeSpan resolution, CancellationToken ct)
    {
        var answer = await CallAsync("GET", $"sensors/{sensorId}/data", () => _api.GetSensorData(sensorId, Quantity.Timestamp(start), IsoDuration.Format(duration),
            unit, IsoDuration.Format(resolution), ct), ct);
        answer.ThrowUnlessSuccess($"Reading data of sensor {sensorId}");
        return SensorDataAnswer.Read(answer.Body, $"sensor {sensorId}");
    }

    /// <summary>Reads a sensor's name and the asset holding it (the asset endpoint schedules by asset).</summary>
    public async Task<FlexMeasuresSensor> GetSensorAsync(int sensorId, CancellationToken ct)
    {
        var answer = await CallAsync("GET", $"sensors/{sensorId}", () => _api.GetSensor(sensorId, ct), ct);
        answer.ThrowUnlessSuccess($"Reading sensor {sensorId}");
        return answer.Body?["generic_asset_id"] is JsonValue asset && asset.TryGetValue(out int assetId)
            ? new FlexMeasuresSensor(sensorId, JsonFields.OptionalText(answer.Body, "name") ?? "", assetId)
            : throw new FlexMeasuresException($"Sensor {sensorId} answer names no generic_asset_id.", answer.Status);
    }

    private static string JobId(ApiAnswer answer)
    {
        answer.ThrowUnlessSuccess("Triggering a schedule");
        // Servers up to v0.33 answer 200 {schedule}; from v0.34 202 {job, schedule}, where job is canonical.
        var id = JsonFields.OptionalText(answer.Body, "job") ?? JsonFields.OptionalText(answer.Body, "schedule");
        return id ?? throw new FlexMeasuresException("The trigger answer names no scheduling job.", answer.Status, answer.StatusWord);
    }

    /// <summary>One API call (the auth handler logs in as needed) read into an answer; what goes wrong on the way becomes
    /// a FlexMeasures exception naming the call, never a secret.</summary>
    private async Task<ApiAnswer> CallAsync(string method, string path, Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        try
        {
            using var response = await call();
            var answer = await ApiAnswer.ReadAsync(response, _auth, _time, ct);
            _log.LogDebug("{Method} {Path} -> HTTP {Status}", method, path, answer.Status);
            return answer;
        }
        // Refit wraps what the handlers throw; the cause is what the caller needs.
        catch (ApiRequestException e) when (e.InnerException is FlexMeasuresException cause)
        {
            ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is OperationCanceledException || e.InnerException is OperationCanceledException))
        {
            throw new FlexMeasuresTimeoutException($"{method} api/v3_0/{path} timed out after {_timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception e) when ((e as HttpRequestException ?? e.InnerException as HttpRequestException) is { } unreachable)
        {
            throw new FlexMeasuresException($"FlexMeasures could not be reached for {method} api/v3_0/{path}: {_auth.Redact(unreachable.Message)}");
        }
    }

    /// <summary>Leaves the primary handler to its owner (a handler factory pools it) when the auth handler is disposed.</summary>
    private sealed class Unowned(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
