using ChargeBridge.Devices.Quasar;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Host.Checks;

/// <summary>Reads the Wallbox Quasar once, writing nothing: does it answer over Modbus TCP, what is its max power, and
/// can it be controlled remotely (no Wallbox-app schedule holding it, not locked, no fault).</summary>
internal static class ChargerCheck
{
    /// <summary>The Quasar's smallest set point (6 A on one phase); a max power below it leaves nothing to control.</summary>
    private static readonly Power MinimumPower = Power.FromWatts(1380);

    public static async Task<IReadOnlyList<CheckItem>> RunAsync(string host, int port, CancellationToken ct)
    {
        await using var driver = new QuasarDriver(new QuasarDriverOptions { Host = host, Port = port });
        var status = await driver.RefreshAsync(ct);
        if (!status.Reachable)
            return [CheckItem.Fail($"the charger at {host}:{port} does not answer over Modbus TCP: {status.FaultReason}",
                "check V2GConfig ChargerHost and ChargerPort, that the Quasar is on and on your network, and that Modbus TCP is enabled in the Wallbox app")];

        var items = new List<CheckItem>
        {
            CheckItem.Pass($"the charger at {host}:{port} answers over Modbus TCP (firmware {driver.Identity?.Firmware}, serial {driver.Identity?.Serial}); state: {status.DeviceStateText}"),
        };
        var max = driver.Capabilities.MaxChargePower;
        items.Add(max >= MinimumPower
            ? CheckItem.Pass($"max power {max.Watts:0} W (set by the installer)")
            : CheckItem.Fail($"max power reads {max.Watts:0} W, below the {MinimumPower.Watts:0} W the Quasar needs to run",
                "have the installer set the max power in the Wallbox app (Settings → Power) to what the circuit allows"));
        if (status.ControlledByApp)
            items.Add(CheckItem.Fail("a schedule in the Wallbox app holds the charger, so it ignores remote control",
                "delete the charging schedules in the Wallbox app"));
        else if (status.Locked)
            items.Add(CheckItem.Fail("the charger is locked", "unlock it in the Wallbox app or with its RFID card"));
        else if (status.IsFaulted)
            items.Add(CheckItem.Fail($"the charger reports a fault: {status.FaultReason}",
                "see 'Troubleshooting the Quasar' in docs/user-guide.md"));
        else
            items.Add(CheckItem.Pass("remote control possible (no Wallbox-app schedule, not locked, no fault)"));
        return items;
    }
}
