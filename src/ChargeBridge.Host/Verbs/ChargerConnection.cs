using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Host;

/// <summary>What the charger subcommands share: the device options (any charger type of the registry), the exit codes
/// and the output.</summary>
internal sealed class ChargerConnection
{
    public const int Ok = 0, ChargerError = 1, Unreachable = 2, ControlledByApp = 3, OutOfLimits = 4, NoCar = 5, BadOptions = 6;

    private readonly Option<string> _type = new("--type")
    {
        Description = "Charger type: " + string.Join(", ", DeviceRegistry.Default.ChargerTypes.Select(t => t.Name).Order()),
        DefaultValueFactory = _ => "quasar",
    };
    private readonly Option<string?> _host = new("--host") { Description = "Charger host name or IP address" };
    private readonly Option<int?> _port = new("--port") { Description = "Charger port (the type's default when left out, 502 for Modbus TCP)" };
    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Any other key of the charger type as Key=Value (docs/devices.md), repeatable", AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<bool> _json = new("--json") { Description = "Print the charger's status as one JSON object" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _type, _host, _port, _set, _json }) command.Options.Add(option);
    }

    /// <summary>The charger the options describe, or null after printing every bad option.</summary>
    public async Task<ICharger?> OpenAsync(ParseResult parse)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Type"] = parse.GetValue(_type)! };
        if (parse.GetValue(_host) is { } host) keys["Host"] = host;
        if (parse.GetValue(_port) is { } port) keys["Port"] = port.ToString(CultureInfo.InvariantCulture);
        foreach (var pair in parse.GetValue(_set) ?? [])
        {
            var split = pair.IndexOf('=');
            if (split <= 0)
            {
                await Console.Error.WriteLineAsync($"--set {pair}: write Key=Value");
                return null;
            }
            keys[pair[..split]] = pair[(split + 1)..];
        }
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(keys), new DeviceContext(TimeProvider.System) { Interactive = true });
        foreach (var problem in build.Problems) await Console.Error.WriteLineAsync($"charger option {problem}");
        return build.Device;
    }

    /// <summary>Reads the charger; prints why and returns <see cref="Unreachable"/> when it does not answer.</summary>
    public static async Task<int?> ReachAsync(ICharger charger, CancellationToken ct)
    {
        var status = await charger.RefreshAsync(ct);
        if (status.Reachable) return null;
        await Console.Error.WriteLineAsync($"charger unreachable: {status.FaultReason}");
        return Unreachable;
    }

    /// <summary>Opens the charger, runs <paramref name="action"/> once it answers, and disposes it: the exit code.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<ICharger, Task<int>> action, CancellationToken ct)
    {
        var charger = await OpenAsync(parse);
        if (charger is null) return BadOptions;
        try
        {
            return await ReachAsync(charger, ct) ?? await action(charger);
        }
        finally
        {
            if (charger is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    /// <summary>Prints the outcome of a command and what the charger says after it; returns the exit code.</summary>
    public async Task<int> ReportAsync(ParseResult parse, ICharger charger, ChargerCommandResult result, string failure, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"{failure}: {result.Reason}");
            return ExitCodeOf(result.Error);
        }
        await charger.RefreshAsync(ct);
        await PrintAsync(parse, charger);
        return Ok;
    }

    private static int ExitCodeOf(ChargerCommandError error) => error switch
    {
        ChargerCommandError.None => Ok,
        ChargerCommandError.OutOfLimits => OutOfLimits,
        ChargerCommandError.ControlledByApp => ControlledByApp,
        ChargerCommandError.NoCar => NoCar,
        _ => Unreachable,
    };

    public async Task PrintAsync(ParseResult parse, ICharger charger)
    {
        var s = charger.Status;
        var details = (charger as IDescribedDevice)?.Details ?? new Dictionary<string, object?>();
        if (parse.GetValue(_json))
        {
            var json = new Dictionary<string, object?>
            {
                ["state"] = s.State.ToString().ToLowerInvariant(),
                ["state_code"] = s.DeviceStateCode,
                ["state_text"] = s.DeviceStateText,
                ["connected"] = s.CarConnected,
                ["soc_pct"] = s.StateOfCharge?.Value,
                ["power_w"] = s.ActualPower.Watts,
                ["max_power_w"] = charger.Capabilities.MaxChargePower.Watts,
                ["min_power_w"] = charger.Capabilities.MinPower.Watts,
                ["bidirectional"] = charger.Capabilities.Bidirectional,
                ["phases"] = charger.Capabilities.Phases,
                ["locked"] = s.Locked,
                ["controlled_by_app"] = s.ControlledByApp,
                ["reachable"] = s.Reachable,
                ["fault_reason"] = s.FaultReason,
            };
            foreach (var (key, value) in details) json[key] = value;
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(json));
            return;
        }
        var soc = s.StateOfCharge is { } p ? p.ToString() : "unknown (not reported now)";
        var car = s.CarConnected switch { true => "yes", false => "no", null => "unknown" };
        var c = charger.Capabilities;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            state:      {s.State} (code {s.DeviceStateCode}: {s.DeviceStateText})
            car:        {car}
            power:      {s.ActualPower}
            SoC:        {soc}
            power:      {c.MinPower}–{c.MaxChargePower} on {c.Phases} phase(s){(c.Bidirectional ? $", discharge up to {c.MaxDischargePower}" : ", charge only")}
            locked:     {(s.Locked ? "yes" : "no")}
            app holds:  {(s.ControlledByApp ? "yes (the charger's own app or schedule)" : "no")}
            """));
        if (details.Count > 0)
            await Console.Out.WriteLineAsync("device:     " + string.Join(", ", details.Select(d => $"{d.Key} {d.Value}")));
        if (s.FaultReason is not null) await Console.Out.WriteLineAsync($"fault:      {s.FaultReason}");
    }
}
