using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChargeBridge.Devices.Shelly;

/// <summary>
/// A Shelly meter twin on 127.0.0.1 for tests and the demo: it plays a Gen1 EM, a Pro 3EM or a Pro EM, answers the
/// same HTTP requests with the same JSON shapes as the real device (<c>/shelly</c>, Gen1 <c>/status</c> and
/// <c>/emeter/N</c>, the Gen2 <c>/rpc/EM*.GetStatus</c> methods), asks for the device's login when one is set, and
/// plays the faults of <see cref="ShellyFault"/>. Power and counters are what the test sets; nothing moves on its own.
/// </summary>
public sealed class ShellySimulator : IAsyncDisposable
{
    private const double DefaultVoltage = 230.0;
    private const double Frequency = 50.0;
    private const string Mac = "AABBCCDDEEFF";
    private readonly object _lock = new();
    private readonly ShellySimulatorOptions _options;
    private readonly ShellySimulatorLogin? _login;
    private readonly Channel[] _channels;
    private WebApplication? _app;
    private CancellationTokenSource _stopping = new();
    private ShellyFault _fault;
    private int _requests;

    private ShellySimulator(ShellyModel model, ShellySimulatorOptions options)
    {
        Model = model;
        _options = options;
        _channels = Enumerable.Range(0, model == ShellyModel.Pro3Em ? 3 : 2).Select(_ => new Channel()).ToArray();
        if (options.Password is { } password) _login = new ShellySimulatorLogin(model, options.Username, password, DeviceId);
    }

    /// <summary>Starts a twin of <paramref name="model"/> serving HTTP on 127.0.0.1.</summary>
    public static async Task<ShellySimulator> StartAsync(ShellyModel model, ShellySimulatorOptions? options = null)
    {
        var simulator = new ShellySimulator(model, options ?? new ShellySimulatorOptions());
        await simulator.StartServerAsync(simulator._options.Port);
        return simulator;
    }

    public ShellyModel Model { get; }

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests received, answered or not (a hung request counts once it has arrived).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public ShellyFault Fault
    {
        get { lock (_lock) return _fault; }
    }

    /// <summary>Sets the meter's total power in W (positive import): spread evenly over the Pro 3EM's phases, on channel
    /// 0 of the two-channel models.</summary>
    public void SetPower(double watts)
    {
        if (Model == ShellyModel.Pro3Em)
            for (var i = 0; i < _channels.Length; i++) SetPower(i, watts / _channels.Length);
        else
            SetPower(0, watts);
    }

    /// <summary>Sets the power in W of one phase (Pro 3EM: 0 = a, 1 = b, 2 = c) or channel.</summary>
    public void SetPower(int channel, double watts)
    {
        lock (_lock) _channels[channel].PowerW = watts;
    }

    public void SetVoltage(int channel, double volts)
    {
        lock (_lock) _channels[channel].VoltageV = volts;
    }

    /// <summary>Sets the energy counters in Wh of one phase or channel.</summary>
    public void SetEnergy(int channel, double importedWh, double exportedWh)
    {
        lock (_lock) (_channels[channel].ImportedWh, _channels[channel].ExportedWh) = (importedWh, exportedWh);
    }

    /// <summary>Plays <paramref name="fault"/> from now on; <see cref="ShellyFault.Refuse"/> closes the port and any
    /// other value opens it again on the same port.</summary>
    public async Task SetFaultAsync(ShellyFault fault)
    {
        ShellyFault before;
        lock (_lock) (before, _fault) = (_fault, fault);
        if (fault == ShellyFault.Refuse && before != ShellyFault.Refuse) await StopServerAsync();
        if (fault != ShellyFault.Refuse && before == ShellyFault.Refuse) await StartServerAsync(Port);
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        _stopping.Dispose();
    }

    private string DeviceId => Model switch
    {
        ShellyModel.Gen1Em => "shellyem-" + Mac,
        ShellyModel.Pro3Em => "shellypro3em-" + Mac.ToLowerInvariant(),
        _ => "shellyproem50-" + Mac.ToLowerInvariant(),
    };

    private async Task StartServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/shelly", http => Answer(http, () => Reply.Ok(DeviceInfo()), needsLogin: false));
        if (Model == ShellyModel.Gen1Em)
        {
            app.MapGet("/status", http => Answer(http, () => Reply.Ok(Gen1Status())));
            app.MapGet("/emeter/{index:int}", (HttpContext http, int index) => Answer(http, () => index < _channels.Length ? Reply.Ok(Gen1Emeter(_channels[index])) : new Reply(404, null)));
        }
        else
        {
            app.MapGet("/rpc/{method}", (HttpContext http, string method) => Answer(http, () => Rpc(method, http.Request.Query["id"].ToString())));
        }
        _stopping.Dispose();
        _stopping = new CancellationTokenSource();
        await app.StartAsync();
        _app = app;
        Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    private async Task StopServerAsync()
    {
        if (_app is not { } app) return;
        _app = null;
        await _stopping.CancelAsync(); // lets hung requests end, so stopping does not wait for them
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Answers with <paramref name="reply"/> unless a fault or the login says otherwise.</summary>
    private async Task Answer(HttpContext http, Func<Reply> reply, bool needsLogin = true)
    {
        Interlocked.Increment(ref _requests);
        switch (Fault)
        {
            case ShellyFault.Hang:
                using (var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token))
                    await Task.Delay(Timeout.Infinite, gone.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                http.Abort();
                return;
            case ShellyFault.ServerError:
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            case ShellyFault.MalformedJson:
                await Write(http, "{\"id\":0,\"act_power\":12");
                return;
            case ShellyFault.UnexpectedJson:
                await Write(http, "{\"id\":0,\"src\":\"simulator\"}");
                return;
        }
        if (needsLogin && _login is not null && !_login.Admit(http)) return;
        Reply answer;
        lock (_lock) answer = reply();
        http.Response.StatusCode = answer.Status;
        if (answer.Body is not null) await Write(http, answer.Body.ToJsonString());
    }

    private static Task Write(HttpContext http, string json)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(json);
    }

    private JsonNode DeviceInfo() => Model == ShellyModel.Gen1Em
        ? new JsonObject
        {
            ["type"] = "SHEM", ["mac"] = Mac, ["auth"] = _login is not null, ["fw"] = "20221027-105518/v1.12.1-ga9117d3",
            ["discoverable"] = false, ["num_outputs"] = 1, ["num_meters"] = 0, ["num_emeters"] = 2,
        }
        : new JsonObject
        {
            ["name"] = null, ["id"] = DeviceId, ["mac"] = Mac, ["slot"] = 0,
            ["model"] = Model == ShellyModel.Pro3Em ? "SPEM-003CEBEU" : "SPEM-002CEBEU50", ["gen"] = 2,
            ["fw_id"] = "20241011-114455/1.4.4-g6d2a586", ["ver"] = "1.4.4", ["app"] = Model == ShellyModel.Pro3Em ? "Pro3EM" : "ProEM",
            ["auth_en"] = _login is not null, ["auth_domain"] = _login is null ? null : DeviceId,
            ["profile"] = Model == ShellyModel.Pro3Em ? "triphase" : null,
        };

    private JsonNode Gen1Status() => new JsonObject
    {
        ["wifi_sta"] = new JsonObject { ["connected"] = true, ["ssid"] = "simulated", ["ip"] = "127.0.0.1", ["rssi"] = -55 },
        ["cloud"] = new JsonObject { ["enabled"] = false, ["connected"] = false },
        ["mqtt"] = new JsonObject { ["connected"] = false },
        ["unixtime"] = _options.Time.GetUtcNow().ToUnixTimeSeconds(),
        ["has_update"] = false,
        ["mac"] = Mac,
        ["relays"] = new JsonArray(new JsonObject { ["ison"] = false, ["has_timer"] = false, ["overpower"] = false, ["is_valid"] = true, ["source"] = "input" }),
        ["emeters"] = new JsonArray(_channels.Select(c => (JsonNode?)Gen1Emeter(c)).ToArray()),
        ["update"] = new JsonObject { ["status"] = "idle", ["has_update"] = false },
    };

    private static JsonObject Gen1Emeter(Channel c) => new()
    {
        ["power"] = c.PowerW, ["reactive"] = 0.0, ["pf"] = c.PowerW == 0 ? 0.0 : 1.0, ["voltage"] = c.VoltageV, ["is_valid"] = true,
        ["total"] = c.ImportedWh, ["total_returned"] = c.ExportedWh,
    };

    // The RPC's errors: 404 for a method this model lacks, 400 for an id it lacks.
    private Reply Rpc(string method, string id)
    {
        if (method == "Shelly.GetDeviceInfo") return Reply.Ok(DeviceInfo());
        var known = Model == ShellyModel.Pro3Em ? method is "EM.GetStatus" or "EMData.GetStatus" : method is "EM1.GetStatus" or "EM1Data.GetStatus";
        if (!known) return new Reply(404, new JsonObject { ["code"] = 404, ["message"] = $"No handler for {method}" });
        var ids = Model == ShellyModel.Pro3Em ? 1 : _channels.Length;
        if (!int.TryParse(id, out var index) || index < 0 || index >= ids)
            return new Reply(400, new JsonObject { ["code"] = -105, ["message"] = $"Argument 'id', value {id} not found!" });
        return Reply.Ok(method switch
        {
            "EM.GetStatus" => Pro3EmStatus(),
            "EMData.GetStatus" => Pro3EmData(),
            "EM1.GetStatus" => ProEmStatus(index, _channels[index]),
            _ => new JsonObject { ["id"] = index, ["total_act_energy"] = _channels[index].ImportedWh, ["total_act_ret_energy"] = _channels[index].ExportedWh },
        });
    }

    private JsonObject Pro3EmStatus()
    {
        var status = new JsonObject { ["id"] = 0 };
        foreach (var (c, p) in _channels.Zip("abc"))
        {
            status[$"{p}_current"] = c.CurrentA;
            status[$"{p}_voltage"] = c.VoltageV;
            status[$"{p}_act_power"] = c.PowerW;
            status[$"{p}_aprt_power"] = Math.Abs(c.PowerW);
            status[$"{p}_pf"] = c.PowerW == 0 ? 0.0 : 1.0;
            status[$"{p}_freq"] = Frequency;
        }
        status["n_current"] = null;
        status["total_current"] = _channels.Sum(c => c.CurrentA);
        status["total_act_power"] = _channels.Sum(c => c.PowerW);
        status["total_aprt_power"] = _channels.Sum(c => Math.Abs(c.PowerW));
        status["user_calibrated_phase"] = new JsonArray();
        return status;
    }

    private JsonObject Pro3EmData()
    {
        var data = new JsonObject { ["id"] = 0 };
        foreach (var (c, p) in _channels.Zip("abc"))
        {
            data[$"{p}_total_act_energy"] = c.ImportedWh;
            data[$"{p}_total_act_ret_energy"] = c.ExportedWh;
        }
        data["total_act"] = _channels.Sum(c => c.ImportedWh);
        data["total_act_ret"] = _channels.Sum(c => c.ExportedWh);
        return data;
    }

    private static JsonObject ProEmStatus(int id, Channel c) => new()
    {
        ["id"] = id, ["current"] = c.CurrentA, ["voltage"] = c.VoltageV, ["act_power"] = c.PowerW, ["aprt_power"] = Math.Abs(c.PowerW),
        ["pf"] = c.PowerW == 0 ? 0.0 : 1.0, ["freq"] = Frequency, ["calibration"] = "factory",
    };

    private readonly record struct Reply(int Status, JsonNode? Body)
    {
        public static Reply Ok(JsonNode body) => new(StatusCodes.Status200OK, body);
    }

    private sealed class Channel
    {
        public double PowerW;
        public double VoltageV = DefaultVoltage;
        public double ImportedWh;
        public double ExportedWh;

        public double CurrentA => Math.Round(Math.Abs(PowerW) / VoltageV, 3);
    }
}
