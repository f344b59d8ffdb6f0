using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Runtime;
using ChargeBridge.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChargeBridge.Host;

/// <summary>What the charger subcommands share: the device options (any charger type of the registry), the exit codes
/// and the output. A type HA integrates (<see cref="IDeviceType{T}.NeedsHomeAssistant"/>) is reached through Home
/// Assistant, whose address and token come from the same sources as `run` reads.</summary>
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
    private readonly ConfigSources _sources = new();
    private static readonly TimeSpan HaTimeout = TimeSpan.FromSeconds(15);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _type, _host, _port, _set, _json }.Concat(_sources.Options)) command.Options.Add(option);
    }

    /// <summary>The charger the options describe (with its HA session when it needs one), or null after printing every
    /// bad option.</summary>
    private async Task<(ICharger Charger, VerbHaSession? Ha)?> OpenAsync(ParseResult parse, CancellationToken ct)
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
        var context = new DeviceContext(TimeProvider.System) { Interactive = true };
        VerbHaSession? ha = null;
        if (DeviceRegistry.Default.ChargerTypes.FirstOrDefault(t => string.Equals(t.Name, keys["Type"], StringComparison.OrdinalIgnoreCase)) is { NeedsHomeAssistant: true })
        {
            if (await HomeAssistantOptionsAsync(parse) is not { } options || (ha = await VerbHaSession.ConnectAsync(options, HaTimeout, ct)) is null) return null;
            context = context with { Ha = ha.Context };
        }
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(keys), context);
        foreach (var problem in build.Problems) await Console.Error.WriteLineAsync($"charger option {problem}");
        if (build.Device is { } charger) return (charger, ha);
        if (ha is not null) await ha.DisposeAsync();
        return null;
    }

    private async Task<HomeAssistantOptions?> HomeAssistantOptionsAsync(ParseResult parse)
    {
        var configuration = new ConfigurationManager();
        var problems = new List<ConfigProblem>();
        try
        {
            _sources.Apply(configuration, parse);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(new ConfigProblem("configuration", e.Message));
        }
        var options = HomeAssistantOptions.Read(configuration, Environment.GetEnvironmentVariable, problems);
        foreach (var problem in problems) await Console.Error.WriteLineAsync(problem.ToString());
        return problems.Count == 0 ? options : null;
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
        if (await OpenAsync(parse, ct) is not var (charger, ha)) return BadOptions;
        try
        {
            return await ReachAsync(charger, ct) ?? await action(charger);
        }
        finally
        {
            if (charger is IAsyncDisposable disposable) await disposable.DisposeAsync();
            if (ha is not null) await ha.DisposeAsync();
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
