using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeBridge.Devices.NrgKick;

/// <summary>
/// The NRGKICK Connect's local JSON API: GET <c>/api/settings/&lt;password&gt;</c> and
/// <c>/api/measurements/&lt;password&gt;</c>, and PUT of the settings with the password in the path and in the body's
/// <c>DeviceMetadata</c>. Each request is timed on the options' clock. Every failure but the caller's cancellation is
/// a <see cref="NrgKickException"/> whose message never holds the password.
/// </summary>
internal sealed class NrgKickApi(NrgKickOptions options, HttpClient http)
{
    /// <summary>Reads the settings and then the measurements.</summary>
    public async Task<NrgKickReading> ReadAsync(CancellationToken ct)
    {
        using var settings = await SendAsync(HttpMethod.Get, "settings", null, ct);
        // Without a car the measurements are "No content found" too: one request spared.
        if (NrgKickJson.IsNoContent(settings.RootElement)) return NrgKickReading.Disconnected;
        using var measurements = await SendAsync(HttpMethod.Get, "measurements", null, ct);
        return NrgKickReading.Parse(settings.RootElement, measurements.RootElement);
    }

    /// <summary>Writes whether to charge and the current; the API takes the current as its value and its bounds.</summary>
    public async Task WriteAsync(bool charging, int amperes, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["Values"] = new JsonObject
            {
                ["ChargingStatus"] = new JsonObject { ["Charging"] = charging },
                ["ChargingCurrent"] = new JsonObject { ["Value"] = amperes, ["Min"] = amperes, ["Max"] = amperes },
                ["DeviceMetadata"] = new JsonObject { ["Password"] = options.Password },
            },
        };
        using var answer = await SendAsync(HttpMethod.Put, "settings", body, ct);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string resource, JsonObject? body, CancellationToken ct)
    {
        var name = $"{method} /api/{resource}";
        using var timeout = new CancellationTokenSource(options.Timeout, options.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var request = new HttpRequestMessage(method, new Uri(options.BaseAddress, $"api/{resource}/{Uri.EscapeDataString(options.Password)}"));
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            using var response = await http.SendAsync(request, linked.Token);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new NrgKickException($"{name}: the NRGKICK refused the password (HTTP {(int)response.StatusCode}): check Password");
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            JsonDocument? answer = null;
            try
            {
                answer = text.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(text);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
            }
            // "No content found" comes with an error status from some firmware: it is an answer, not a failure.
            if (response.IsSuccessStatusCode || (answer is not null && NrgKickJson.IsNoContent(answer.RootElement))) return answer!;
            answer?.Dispose();
            throw new NrgKickException($"{name}: HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new NrgKickException($"{name}: no answer within {options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new NrgKickException($"{name}: {(e.HttpRequestError == HttpRequestError.ConnectionError ? "cannot connect" : e.HttpRequestError.ToString())}");
        }
        catch (IOException)
        {
            throw new NrgKickException($"{name}: the connection broke during the answer");
        }
        catch (JsonException)
        {
            throw new NrgKickException($"{name}: the answer is not valid JSON");
        }
    }
}
