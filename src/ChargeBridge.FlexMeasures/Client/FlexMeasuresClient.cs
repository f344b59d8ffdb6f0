using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.FlexMeasures.Client;

/// <summary>
/// Typed client of the FlexMeasures API v3 (what Refit would generate, by hand). The HttpClient's BaseAddress is the
/// server root and its Timeout bounds each request; waiting between polls uses <see cref="TimeProvider"/>.
/// </summary>
public sealed class FlexMeasuresClient(
    HttpClient http,
    FlexMeasuresCredentials credentials,
    TimeProvider time,
    PollingPolicy? polling = null,
    ILogger? logger = null)
{
    private readonly PollingPolicy _polling = polling ?? PollingPolicy.Default;
    private readonly ILogger _log = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private string? _token;

    /// <summary>Asks for a schedule of one power sensor; returns the job id to poll with.</summary>
    public async Task<string> TriggerSensorScheduleAsync(int sensorId, ScheduleTrigger trigger, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, $"api/v3_0/sensors/{sensorId}/schedules/trigger", trigger.ToSensorRequest(), ct);
        return JobId(answer);
    }

    /// <summary>Asks FlexMeasures 1.0's asset endpoint for a schedule of the asset holding <paramref name="powerSensor"/>.</summary>
    public async Task<string> TriggerAssetScheduleAsync(int assetId, int powerSensor, ScheduleTrigger trigger, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, $"api/v3_0/assets/{assetId}/schedules/trigger", trigger.ToAssetRequest(powerSensor), ct);
        return JobId(answer);
    }

    /// <summary>
    /// Fetches the schedule of a job, polling while the server says it is not ready yet, with a growing delay, until
    /// the policy's deadline. A failed job or an unknown id ends polling at once.
    /// </summary>
    public async Task<FlexMeasuresSchedule> GetScheduleAsync(int sensorId, string jobId, TimeSpan duration, CancellationToken ct)
    {
        var path = $"api/v3_0/sensors/{sensorId}/schedules/{Uri.EscapeDataString(jobId)}?duration={IsoDuration.Format(duration)}";
        var started = time.GetUtcNow();
        var delay = _polling.FirstDelay;
        while (true)
        {
            var answer = await SendAsync(HttpMethod.Get, path, null, ct);
            if (ScheduleAnswer.Read(answer, jobId) is { } schedule)
                return schedule;

            var pause = answer.RetryAfter is { } retryAfter && retryAfter > delay ? retryAfter : delay;
            if (time.GetUtcNow() + pause - started > _polling.Deadline)
                throw new FlexMeasuresTimeoutException(
                    $"Schedule {jobId} was not ready within {_polling.Deadline.TotalSeconds:0} s (last answer HTTP {answer.Status}).");
            _log.LogDebug("Schedule {Job} not ready (HTTP {Status}); asking again in {Delay} ms", jobId, answer.Status, pause.TotalMilliseconds);
            await Task.Delay(pause, time, ct);
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
        var answer = await SendAsync(HttpMethod.Post, $"api/v3_0/sensors/{sensorId}/data", body, ct);
        answer.ThrowUnlessSuccess($"Posting data to sensor {sensorId}");
    }

    /// <summary>Reads sensor data such as prices or emission intensities; slots without data come back as null.</summary>
    public async Task<SensorSeries> GetSensorDataAsync(int sensorId, DateTimeOffset start, TimeSpan duration, string unit, TimeSpan resolution, CancellationToken ct)
    {
        var query = $"start={Uri.EscapeDataString(Quantity.Timestamp(start))}&duration={IsoDuration.Format(duration)}" +
                    $"&unit={Uri.EscapeDataString(unit)}&resolution={IsoDuration.Format(resolution)}";
        var answer = await SendAsync(HttpMethod.Get, $"api/v3_0/sensors/{sensorId}/data?{query}", null, ct);
        answer.ThrowUnlessSuccess($"Reading data of sensor {sensorId}");
        return SensorDataAnswer.Read(answer.Body, $"sensor {sensorId}");
    }

    /// <summary>Reads a sensor's name and the asset holding it (the asset endpoint schedules by asset).</summary>
    public async Task<FlexMeasuresSensor> GetSensorAsync(int sensorId, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Get, $"api/v3_0/sensors/{sensorId}", null, ct);
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

    /// <summary>Sends one API request with the cached token; on 401 logs in again once and repeats the request.</summary>
    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        var token = await TokenAsync(null, ct);
        var answer = await ExchangeAsync(method, path, body, token, ct);
        if (answer.Status != (int)HttpStatusCode.Unauthorized)
            return answer;

        _log.LogInformation("FlexMeasures refused the token for {Method} {Path}; logging in again", method, PathOnly(path));
        token = await TokenAsync(token, ct);
        answer = await ExchangeAsync(method, path, body, token, ct);
        if (answer.Status == (int)HttpStatusCode.Unauthorized)
            throw new FlexMeasuresAuthenticationException(
                $"FlexMeasures refused a fresh token for {method} {PathOnly(path)}: {answer.Message}", answer.Status, answer.Message);
        return answer;
    }

    /// <summary>The cached token, or a new one when there is none or the server refused <paramref name="refused"/>.</summary>
    private async Task<string> TokenAsync(string? refused, CancellationToken ct)
    {
        await _authLock.WaitAsync(ct);
        try
        {
            if (_token is not null && _token != refused)
                return _token;
            _token = null;
            var body = new JsonObject { ["email"] = credentials.Email, ["password"] = credentials.Password };
            var answer = await ExchangeAsync(HttpMethod.Post, "api/requestAuthToken", body, null, ct);
            if (!answer.IsSuccess)
                throw new FlexMeasuresAuthenticationException(
                    $"FlexMeasures login of {credentials.Email} failed (HTTP {answer.Status}): {answer.Message}", answer.Status, answer.Message);
            // The server's code says "auth_token"; its OpenAPI description says "authentication_token".
            _token = JsonFields.OptionalText(answer.Body, "auth_token") ?? JsonFields.OptionalText(answer.Body, "authentication_token")
                     ?? throw new FlexMeasuresAuthenticationException("FlexMeasures login answer holds no token.", answer.Status, null);
            _log.LogInformation("Logged in to FlexMeasures as {Email}", credentials.Email);
            return _token;
        }
        finally
        {
            _authLock.Release();
        }
    }

    private async Task<ApiAnswer> ExchangeAsync(HttpMethod method, string path, JsonNode? body, string? token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        // FlexMeasures expects the bare token, not "Bearer <token>".
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var answer = new ApiAnswer((int)response.StatusCode, ParseOrNull(text), Redact(text), RetryAfter(response));
            _log.LogDebug("{Method} {Path} -> HTTP {Status}", method, PathOnly(path), answer.Status);
            return answer;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FlexMeasuresTimeoutException($"{method} {PathOnly(path)} timed out after {http.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            throw new FlexMeasuresException($"FlexMeasures could not be reached for {method} {PathOnly(path)}: {Redact(e.Message)}");
        }
    }

    /// <summary>Servers may echo what they were sent; no credential leaves this class in a message.</summary>
    private string Redact(string text)
    {
        foreach (var secret in new[] { credentials.Password, _token })
            if (!string.IsNullOrEmpty(secret))
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    private static string PathOnly(string path) => path.Split('?')[0];

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }
}
