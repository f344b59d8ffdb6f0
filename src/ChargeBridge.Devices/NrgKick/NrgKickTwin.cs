using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.NrgKick;

/// <summary>
/// An NRGKICK Connect twin on 127.0.0.1 for tests and the demo: it answers the local JSON API's GET and PUT of
/// <c>/api/settings/&lt;password&gt;</c> and GET of <c>/api/measurements/&lt;password&gt;</c> with the device's JSON
/// shapes, "No content found for this request" while no car is connected, and HTTP 401 to a wrong password. After a
/// write, the car draws the set current on the live phases once <see cref="NrgKickTwinOptions.Delay"/> has passed on
/// the twin's clock, unless it is full. Faults: <see cref="DropWrites"/> answers writes as taken and forgets them,
/// <see cref="Hang"/> leaves requests unanswered.
/// </summary>
public sealed class NrgKickTwin : IAsyncDisposable
{
    private const double PhaseVoltage = 230;
    private readonly object _lock = new();
    private readonly NrgKickTwinOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private bool _carConnected = true;
    private bool _carFull;
    private bool _charging;
    private int _currentA = 6;
    private int _errorCode;
    private int _phases = 3;
    private int _dropWrites;
    private bool _hang;
    private DateTimeOffset _changedAt;
    private int _writes;
    private int _requests;

    private NrgKickTwin(NrgKickTwinOptions options)
    {
        _options = options;
        _changedAt = options.Clock.GetUtcNow();
    }

    public static async Task<NrgKickTwin> StartAsync(NrgKickTwinOptions? options = null)
    {
        var twin = new NrgKickTwin(options ?? new NrgKickTwinOptions());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/api/settings/{password}", (HttpContext http, string password) => twin.Answer(http, password, twin.Settings));
        app.MapGet("/api/measurements/{password}", (HttpContext http, string password) => twin.Answer(http, password, twin.Measurements));
        app.MapPut("/api/settings/{password}", async (HttpContext http, string password) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            await twin.Answer(http, password, () => twin.Write(body));
        });
        await app.StartAsync();
        twin._app = app;
        twin.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return twin;
    }

    public int Port { get; private set; }

    /// <summary>Writes received with the right password, dropped or taken.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Requests received, answered or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public bool Charging
    {
        get { lock (_lock) return _charging; }
    }

    public int CurrentA
    {
        get { lock (_lock) return _currentA; }
    }

    /// <summary>Plugs a car in (true) or unplugs it, which stops charging.</summary>
    public void SetCarConnected(bool connected)
    {
        lock (_lock)
        {
            _carConnected = connected;
            if (!connected) _charging = false;
            _changedAt = _options.Clock.GetUtcNow();
        }
    }

    /// <summary>A full car takes no power even with charging enabled.</summary>
    public void SetCarFull(bool full)
    {
        lock (_lock) _carFull = full;
    }

    /// <summary>The live phases (1 to 3): the others read 0 V.</summary>
    public void SetPhases(int phases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phases, 3);
        lock (_lock) _phases = phases;
    }

    /// <summary>The first code of <c>Info.ErrorCodes</c>; 0 is no error.</summary>
    public void SetErrorCode(int code)
    {
        lock (_lock) _errorCode = code;
    }

    /// <summary>Answers the next <paramref name="count"/> writes as taken without taking them.</summary>
    public void DropWrites(int count)
    {
        lock (_lock) _dropWrites = count;
    }

    /// <summary>Leaves every request unanswered (true) until set back.</summary>
    public void Hang(bool hang)
    {
        lock (_lock) _hang = hang;
    }

    private async Task Answer(HttpContext http, string password, Func<JsonNode> reply)
    {
        Interlocked.Increment(ref _requests);
        bool hang;
        lock (_lock) hang = _hang;
        if (hang)
        {
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
            await Task.Delay(Timeout.Infinite, gone.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            http.Abort();
            return;
        }
        JsonNode body;
        if (password != _options.Password)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            body = new JsonObject { ["Message"] = "Authorization has been denied for this request." };
        }
        else
        {
            lock (_lock) body = reply();
            if (body["Message"]?.GetValue<string>() == NoContentText) http.Response.StatusCode = _options.NoContentStatus;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    private const string NoContentText = "No content found for this request";

    private static JsonNode NoContent() => new JsonObject { ["Message"] = NoContentText };

    private JsonNode Settings() => !_carConnected ? NoContent() : new JsonObject
    {
        ["Info"] = new JsonObject { ["Connected"] = true, ["ErrorCodes"] = new JsonArray(_errorCode) },
        ["Values"] = new JsonObject
        {
            ["ChargingStatus"] = new JsonObject { ["Charging"] = _charging },
            ["ChargingCurrent"] = new JsonObject { ["Value"] = _currentA, ["Min"] = _currentA, ["Max"] = _currentA },
        },
    };

    private JsonNode Measurements()
    {
        if (!_carConnected) return NoContent();
        var now = _options.Clock.GetUtcNow();
        var flowing = _charging && !_carFull && _errorCode == 0 && now - _changedAt >= _options.Delay;
        return new JsonObject
        {
            ["Timestamp"] = now.ToUnixTimeSeconds(),
            ["ChargingPower"] = flowing ? _currentA * _phases * PhaseVoltage / 1000 : 0.0,
            ["TemperatureMainUnit"] = 31.5,
            ["VoltagePhase"] = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode)JsonValue.Create(i < _phases ? PhaseVoltage : 0.0)).ToArray()),
        };
    }

    private JsonNode Write(JsonNode? body)
    {
        Interlocked.Increment(ref _writes);
        if (_dropWrites > 0)
        {
            _dropWrites--;
            return Settings();
        }
        var values = body?["Values"];
        if (values?["DeviceMetadata"]?["Password"]?.GetValue<string>() != _options.Password)
            return new JsonObject { ["Message"] = "Authorization has been denied for this request." };
        if (values["ChargingStatus"]?["Charging"] is { } charging) _charging = _carConnected && charging.GetValue<bool>();
        if (values["ChargingCurrent"]?["Value"] is { } value)
            _currentA = Math.Clamp(int.Parse(value.ToJsonString(), CultureInfo.InvariantCulture), 6, 16);
        _changedAt = _options.Clock.GetUtcNow();
        return Settings();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not { } app) return;
        _app = null;
        await _stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        _stopping.Dispose();
    }
}
