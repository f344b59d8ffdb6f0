using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;

namespace ChargeBridge.Host.Checks;

/// <summary>Reads one loadpoint's charger once, writing nothing: does it answer, is its max power at least its minimum,
/// and can it be controlled remotely (not held by its own app, not locked, no fault).</summary>
internal static class ChargerCheck
{
    /// <param name="ha">Home Assistant, for the types reached through it; null where it did not answer.</param>
    public static Task<IReadOnlyList<CheckItem>> RunAsync(string label, DeviceSpec spec, IHaContext? ha, CancellationToken ct) =>
        DeviceCheck.RunAsync(label, spec, ha, DeviceRegistry.Default.ChargerTypes, DeviceRegistry.Default.Charger, "charger",
            (charger, hint) => CheckAsync(label, charger, hint, ct));

    private static async Task<IReadOnlyList<CheckItem>> CheckAsync(string label, ICharger charger, string hint, CancellationToken ct)
    {
        var status = await charger.RefreshAsync(ct);
        if (!status.Reachable) return [CheckItem.Fail($"{label} does not answer: {status.FaultReason}", hint)];

        var details = (charger as IDescribedDevice)?.Details is { Count: > 0 } d ? $" ({string.Join(", ", d.Select(x => $"{x.Key} {x.Value}"))})" : "";
        var items = new List<CheckItem> { CheckItem.Pass($"{label} answers{details}; state: {status.DeviceStateText}") };
        var (min, max) = (charger.Capabilities.MinPower, charger.Capabilities.MaxChargePower);
        items.Add(max >= min
            ? CheckItem.Pass($"{label}: power {min.Watts:0}–{max.Watts:0} W on {charger.Capabilities.Phases} phase(s)")
            : CheckItem.Fail($"{label}: max power reads {max.Watts:0} W, below the {min.Watts:0} W it needs to run",
                "have the installer set the charger's max power to what the circuit allows"));
        if (status.ControlledByApp)
            items.Add(CheckItem.Fail($"{label}: the charger's own app holds it (a schedule), so it ignores remote control", hint));
        else if (status.Locked)
            items.Add(CheckItem.Fail($"{label} is locked", "unlock it in the charger's app or with its RFID card"));
        else if (status.IsFaulted)
            items.Add(CheckItem.Fail($"{label} reports a fault: {status.FaultReason}", "see the charger's troubleshooting in docs/user-guide.md"));
        else
            items.Add(CheckItem.Pass($"{label}: remote control possible (not held by its app, not locked, no fault)"));
        return items;
    }
}
