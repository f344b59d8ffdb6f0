using System.Net;
using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Shelly;

/// <summary>
/// What the Shelly meter types share: GET with a timeout and JSON parsing, the device details from <c>/shelly</c>,
/// <see cref="ShellyOptions.Invert"/>, and the <see cref="IMeter"/> contract that device trouble of any kind becomes
/// <see cref="MeterReading.Failed"/> with a short reason while only the caller's cancellation throws.
/// </summary>
internal sealed class ShellyHttp : IDisposable
{
    private readonly ShellyOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ILogger _logger;
    private readonly string _name;

    public ShellyHttp(string typeName, ShellyOptions options, DeviceContext context)
    {
        _options = options;
        _time = context.Time;
        _name = $"{typeName} {options}";
        _logger = context.Logging.CreateLogger(typeof(ShellyHttp).Namespace!);
        if (options.Credentials is null)
        {
            _http = context.Http;
        }
        else
        {
            // The handler answers the device's challenge: basic on Gen1, digest (SHA-256) on Gen2 and later.
            _http = new HttpClient(new SocketsHttpHandler { Credentials = options.Credentials, PreAuthenticate = true }) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttp = true;
        }
    }

    /// <summary>Model, firmware and MAC from <c>/shelly</c>; empty until read once.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; private set; } = new Dictionary<string, object?>();

    /// <summary>One attempt: <paramref name="read"/>'s reading (inverted if asked), or <paramref name="last"/> with the reason it failed.</summary>
    public async Task<MeterReading> ReadAsync(MeterReading last, Func<DateTimeOffset, CancellationToken, Task<MeterReading>> read, CancellationToken ct)
    {
        var at = _time.GetUtcNow();
        MeterReading reading;
        try
        {
            reading = await read(at, ct);
        }
        catch (ShellyReadException e)
        {
            // Warn once when reading stops working, not at every poll while it stays broken.
            if (last.Problem is null || last.AttemptedAt is null)
                _logger.LogWarning("{Meter} cannot be read: {Problem}", _name, e.Message);
            return last.Failed(at, e.Message);
        }
        if (last.Problem is not null && last.AttemptedAt is not null)
            _logger.LogInformation("{Meter} answers again", _name);
        if (Details.Count == 0) await ReadDetailsAsync(ct);
        return _options.Invert ? Inverted(reading) : reading;
    }

    /// <summary>The JSON answer to GET <paramref name="pathAndQuery"/>; any failure but the caller's cancellation is a <see cref="ShellyReadException"/>.</summary>
    public async Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        // Timed on the context's clock, like the Modbus client, so a virtual clock runs the demo and the tests.
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(new Uri(_options.BaseAddress, pathAndQuery), linked.Token);
            if (!response.IsSuccessStatusCode) throw new ShellyReadException($"{pathAndQuery}: {Describe(response.StatusCode)}");
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            return await JsonDocument.ParseAsync(body, cancellationToken: linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ShellyReadException($"{pathAndQuery}: no answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new ShellyReadException($"{pathAndQuery}: {Describe(e.HttpRequestError)}");
        }
        catch (IOException)
        {
            throw new ShellyReadException($"{pathAndQuery}: the connection broke during the answer");
        }
        catch (JsonException)
        {
            throw new ShellyReadException($"{pathAndQuery}: the answer is not valid JSON");
        }
    }

    /// <summary>The answer, or null when there is none: for what a reading can do without, such as energy counters.</summary>
    public async Task<JsonDocument?> GetOptionalAsync(string pathAndQuery, CancellationToken ct)
    {
        try
        {
            return await GetAsync(pathAndQuery, ct);
        }
        catch (ShellyReadException)
        {
            return null;
        }
    }

    /// <summary>An energy counter in Wh from an optional answer; null when the answer or the field is missing.</summary>
    internal static Energy? WattHours(JsonElement? answer, string name) =>
        answer is { } a && ShellyJson.OptionalNumber(a, name) is { } wh ? Energy.FromWattHours(wh) : null;

    /// <summary>Model, firmware, MAC and generation from a <c>/shelly</c> answer of any generation.</summary>
    internal static IReadOnlyDictionary<string, object?> DetailsFrom(JsonElement shelly)
    {
        var details = new Dictionary<string, object?>
        {
            ["model"] = ShellyJson.OptionalText(shelly, "model") ?? ShellyJson.OptionalText(shelly, "type"),
            ["app"] = ShellyJson.OptionalText(shelly, "app"),
            ["firmware"] = ShellyJson.OptionalText(shelly, "fw_id") ?? ShellyJson.OptionalText(shelly, "fw"),
            ["mac"] = ShellyJson.OptionalText(shelly, "mac"),
            ["generation"] = ShellyJson.OptionalText(shelly, "gen") ?? "1",
        };
        return details.Where(d => d.Value is not null).ToDictionary();
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    public override string ToString() => _name;

    // Details are a nicety: a device that will not tell them still gives readings, and the next good read asks again.
    private async Task ReadDetailsAsync(CancellationToken ct)
    {
        using var shelly = await GetOptionalAsync("/shelly", ct);
        if (shelly is { RootElement.ValueKind: JsonValueKind.Object }) Details = DetailsFrom(shelly.RootElement);
    }

    private static MeterReading Inverted(MeterReading r) => r with
    {
        Power = -r.Power,
        Imported = r.Exported,
        Exported = r.Imported,
        Phases = r.Phases.Select(p => p with { Power = -p.Power }).ToList(),
    };

    private string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized when _options.Credentials is null => "HTTP 401: the device is password-protected; set Username and Password",
        HttpStatusCode.Unauthorized => "HTTP 401: the device refused the Username or Password",
        HttpStatusCode.NotFound => "HTTP 404: the device does not know this request (is Type the right Shelly model?)",
        _ => $"HTTP {(int)status}",
    };

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name is not known",
        HttpRequestError.ConnectionError => "cannot connect (refused or unreachable)",
        _ => "the request failed",
    };
}
