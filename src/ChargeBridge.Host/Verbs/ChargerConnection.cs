using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Chargers;

namespace ChargeBridge.Host;

/// <summary>What the charger subcommands share: the connection options, the exit codes and the output.</summary>
internal sealed class ChargerConnection
{
    public const int Ok = 0, ChargerError = 1, Unreachable = 2, ControlledByApp = 3, OutOfLimits = 4, NoCar = 5;

    private readonly Option<string> _host = new("--host") { Description = "Charger host name or IP address", Required = true };
    private readonly Option<int> _port = new("--port") { Description = "Modbus TCP port", DefaultValueFactory = _ => 502 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the charger's status as one JSON object" };

    public void AddTo(Command command)
    {
        command.Options.Add(_host);
        command.Options.Add(_port);
        command.Options.Add(_json);
    }

    public QuasarDriver Open(ParseResult parse) => new(new QuasarDriverOptions
    {
        Host = parse.GetValue(_host)!, Port = parse.GetValue(_port), AcquireSocOnPlugIn = false,
    });

    /// <summary>Reads the charger; prints why and returns <see cref="Unreachable"/> when it does not answer.</summary>
    public static async Task<int?> ReachAsync(QuasarDriver driver, CancellationToken ct)
    {
        var status = await driver.RefreshAsync(ct);
        if (status.Reachable) return null;
        await Console.Error.WriteLineAsync($"charger unreachable: {status.FaultReason}");
        return Unreachable;
    }

    /// <summary>Prints the outcome of a command and what the charger says after it; returns the exit code.</summary>
    public async Task<int> ReportAsync(ParseResult parse, QuasarDriver driver, ChargerCommandResult result, string failure, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"{failure}: {result.Reason}");
            return ExitCodeOf(result.Error);
        }
        await driver.RefreshAsync(ct);
        await PrintAsync(parse, driver);
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

    public async Task PrintAsync(ParseResult parse, QuasarDriver driver)
    {
        var s = driver.Status;
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
                ["max_power_w"] = driver.Capabilities.MaxChargePower.Watts,
                ["firmware"] = driver.Identity?.Firmware,
                ["serial"] = driver.Identity?.Serial,
                ["locked"] = s.Locked,
                ["controlled_by_app"] = s.ControlledByApp,
                ["reachable"] = s.Reachable,
                ["fault_reason"] = s.FaultReason,
            };
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(json));
            return;
        }
        var soc = s.StateOfCharge is { } p ? p.ToString() : "unknown (the Quasar reports SoC only while it runs)";
        var car = s.CarConnected switch { true => "yes", false => "no", null => "unknown" };
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            state:      {s.State} (code {s.DeviceStateCode}: {s.DeviceStateText})
            car:        {car}
            power:      {s.ActualPower}
            SoC:        {soc}
            max power:  {driver.Capabilities.MaxChargePower}
            locked:     {(s.Locked ? "yes" : "no")}
            app holds:  {(s.ControlledByApp ? "yes (a schedule in the Wallbox app)" : "no")}
            firmware:   {driver.Identity?.Firmware}, serial {driver.Identity?.Serial}
            """));
        if (s.FaultReason is not null) await Console.Out.WriteLineAsync($"fault:      {s.FaultReason}");
    }
}
