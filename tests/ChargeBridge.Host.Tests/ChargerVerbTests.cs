using System.Diagnostics;
using System.Text.Json;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Keba;
using ChargeBridge.Devices.NrgKick;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.HassModel.Fake;

namespace ChargeBridge.Host.Tests;

/// <summary>The <c>charger</c> verbs of the built executable, run as a process against the Quasar simulator.</summary>
public sealed class ChargerVerbTests : IAsyncLifetime
{
    private QuasarSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await QuasarSimulator.StartAsync();
    public async Task DisposeAsync() => await _sim.DisposeAsync();

    private Task<(int Exit, string Out, string Err)> Charger(params string[] args) =>
        RunAsync([.. args, "--host", "127.0.0.1", "--port", _sim.Endpoint.Port.ToString()]);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chargebridge.dll"));
        info.ArgumentList.Add("charger");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Status_json_has_the_documented_fields()
    {
        var (exit, output, error) = await Charger("status", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("waiting", json.GetProperty("state").GetString());
        Assert.Equal(2, json.GetProperty("state_code").GetInt32());
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("soc_pct").ValueKind); // the Quasar reports SoC only while running
        Assert.Equal(0, json.GetProperty("power_w").GetDouble());
        Assert.Equal(7400, json.GetProperty("max_power_w").GetDouble());
        Assert.Equal(6, json.GetProperty("firmware").GetInt32());
    }

    [Fact]
    public async Task Status_in_text_names_the_state()
    {
        _sim.Unplug();
        var (exit, output, _) = await Charger("status");
        Assert.Equal(0, exit);
        Assert.Contains("NoCar (code 0: no car connected)", output);
    }

    [Fact]
    public async Task An_unreachable_host_exits_2_with_a_clear_error()
    {
        var port = _sim.Endpoint.Port.ToString();
        await _sim.DisposeAsync();
        var (exit, _, error) = await RunAsync(["status", "--host", "127.0.0.1", "--port", port]);
        Assert.Equal(2, exit);
        Assert.Contains("charger unreachable", error);
        Assert.Contains("cannot connect", error);
    }

    [Fact]
    public async Task Set_power_takes_control_and_writes_charge_or_discharge()
    {
        var (exit, output, error) = await Charger("set-power", "3000", "--json");
        Assert.True(exit == 0, error);
        Assert.Equal(3000, _sim.Snapshot().PowerSetPointW);
        Assert.True(_sim.Snapshot().RemoteControl);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("reachable").GetBoolean());

        (exit, _, error) = await Charger("set-power", "-3000");
        Assert.True(exit == 0, error);
        Assert.Equal(-3000, _sim.Snapshot().PowerSetPointW);
    }

    [Fact]
    public async Task Set_power_outside_the_limits_exits_4_and_writes_nothing()
    {
        var (exit, _, error) = await Charger("set-power", "7401");
        Assert.Equal(4, exit);
        Assert.Contains("above the maximum charge power 7400 W", error);
        Assert.Empty(_sim.PowerSetPointWrites);
        Assert.False(_sim.Snapshot().RemoteControl);
    }

    [Fact]
    public async Task Set_power_under_the_apps_control_exits_3()
    {
        _sim.SetAppSchedule(true);
        var (exit, _, error) = await Charger("set-power", "2000");
        Assert.Equal(3, exit);
        Assert.Contains("Wallbox app", error);
        Assert.Empty(_sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task Set_power_without_a_car_exits_5()
    {
        _sim.Unplug();
        var (exit, _, error) = await Charger("set-power", "2000");
        Assert.Equal(5, exit);
        Assert.Contains("no car", error);
    }

    [Fact]
    public async Task Release_gives_control_back()
    {
        Assert.Equal(0, (await Charger("set-power", "1500")).Exit);
        var (exit, _, error) = await Charger("release");
        Assert.True(exit == 0, error);
        var sim = _sim.Snapshot();
        Assert.False(sim.RemoteControl);
        Assert.True(sim.Autostart);
        Assert.Equal([1500, 0], _sim.PowerSetPointWrites);
    }

    [Fact]
    public async Task A_charger_HA_integrates_is_read_and_commanded_through_Home_Assistant_with_the_token_never_printed()
    {
        await using var ha = await HomeAssistantFake.StartAsync(token: "verb-token-5c1e");
        using var twin = HaChargerTwin.Attach(ha, new HaChargerTwinOptions { Phases = 1, MaxCurrentA = 32 });
        var keys = twin.ChargerKeys.Where(k => k.Key != "Type").SelectMany(k => new[] { "--set", $"{k.Key}={k.Value}" }).ToArray();
        var environment = new Dictionary<string, string>
        {
            ["HomeAssistant__Host"] = "127.0.0.1", ["HomeAssistant__Port"] = ha.Port.ToString(), ["HomeAssistant__Token"] = ha.Token,
        };

        var (exit, output, error) = await RunAsync(["status", "--json", "--type", "ha-entities", .. keys], environment);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.False(json.GetProperty("bidirectional").GetBoolean());
        Assert.Equal(1, json.GetProperty("phases").GetInt32());

        (exit, output, error) = await RunAsync(["set-power", "3680", "--type", "ha-entities", .. keys], environment);
        Assert.True(exit == 0, error);
        Assert.True(twin.Enabled);
        Assert.Equal(16, twin.CurrentA);
        Assert.DoesNotContain(ha.Token, output + error);

        var wrongToken = new Dictionary<string, string>(environment) { ["HomeAssistant__Token"] = "wrong" };
        (exit, _, error) = await RunAsync(["status", "--type", "ha-entities", .. keys], wrongToken);
        Assert.Equal(6, exit);
        Assert.Contains("refused the access token", error);
    }

    [Fact]
    public async Task An_nrgkick_is_read_and_commanded_through_its_local_api_with_the_password_never_printed()
    {
        const string password = "kick-verb-4410";
        await using var twin = await NrgKickTwin.StartAsync(new NrgKickTwinOptions { Password = password, Delay = TimeSpan.Zero });
        string[] Kick(string secret) => ["--type", "nrgkick", "--host", "127.0.0.1", "--port", twin.Port.ToString(), "--set", $"Password={secret}", "--set", "SettleS=1"];

        var (exit, output, error) = await RunAsync(["status", "--json", .. Kick(password)]);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("paused", json.GetProperty("state").GetString());
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.Equal(3, json.GetProperty("phases").GetInt32());

        (exit, output, error) = await RunAsync(["set-power", "4140", .. Kick(password)]);
        Assert.True(exit == 0, error);
        Assert.True(twin.Charging);
        Assert.Equal(6, twin.CurrentA);
        Assert.DoesNotContain(password, output + error);

        (exit, output, error) = await RunAsync(["status", .. Kick("wrong-pass-0007")]);
        Assert.Equal(2, exit);
        Assert.Contains("refused the password", error);
        Assert.DoesNotContain("wrong-pass-0007", output + error);
    }

    [Fact]
    public async Task A_keba_is_read_and_commanded_over_modbus_with_its_type()
    {
        await using var keba = await KebaSimulator.StartAsync(new KebaSimulatorOptions { ReactionDelay = TimeSpan.Zero, PhaseSwitching = true });
        string[] Keba() => ["--type", "keba", "--host", "127.0.0.1", "--port", keba.Endpoint.Port.ToString(), "--set", "PhaseSwitching=true"];

        var (exit, output, error) = await RunAsync(["status", "--json", .. Keba()]);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("charging", json.GetProperty("state").GetString());
        Assert.Equal(3, json.GetProperty("state_code").GetInt32());
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.Equal(3, json.GetProperty("phases").GetInt32());
        Assert.Equal("3.10.13", json.GetProperty("firmware").GetString());

        (exit, _, error) = await RunAsync(["set-power", "4140", .. Keba()]);
        Assert.True(exit == 0, error);
        Assert.Equal(6000, keba.CurrentMa);
        Assert.True(keba.Enabled);
    }

    [Fact]
    public async Task An_alfen_is_read_and_commanded_over_modbus_with_its_type()
    {
        await using var alfen = await AlfenSimulator.StartAsync(new AlfenSimulatorOptions { ReactionDelay = TimeSpan.Zero });
        string[] Alfen() => ["--type", "alfen", "--host", "127.0.0.1", "--port", alfen.Endpoint.Port.ToString()];

        var (exit, output, error) = await RunAsync(["status", "--json", .. Alfen()]);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("charging", json.GetProperty("state").GetString());
        Assert.True(json.GetProperty("connected").GetBoolean());
        Assert.Equal(3, json.GetProperty("phases").GetInt32());
        Assert.Equal(6, json.GetProperty("safe_current_a").GetDouble());

        (exit, _, error) = await RunAsync(["set-power", "-4140", .. Alfen()]);
        Assert.Equal(4, exit);
        Assert.Contains("cannot discharge", error);
        (exit, _, error) = await RunAsync(["set-power", "4140", .. Alfen()]);
        Assert.True(exit == 0, error);
        Assert.Equal(6, alfen.AppliedCurrentA);
        Assert.True(alfen.SetPointValid);
    }

    [Fact]
    public async Task The_type_and_any_other_key_of_it_are_options_and_bad_ones_exit_6_naming_each()
    {
        var (exit, output, error) = await Charger("status", "--json", "--type", "quasar", "--set", "UnitId=1", "MaxChargePowerW=3680");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3680, json.GetProperty("max_power_w").GetDouble());
        Assert.Equal(1380, json.GetProperty("min_power_w").GetDouble());
        Assert.True(json.GetProperty("bidirectional").GetBoolean());

        (exit, _, error) = await Charger("status", "--type", "keba-p30");
        Assert.Equal(6, exit);
        Assert.Contains("Type 'keba-p30' is not a charger type", error);
        (exit, _, error) = await RunAsync(["status", "--set", "UnitId=0"]);
        Assert.Equal(6, exit);
        Assert.Contains("Host is empty", error);
        Assert.Contains("UnitId must be a number from 1 to 247", error);
    }
}
