using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;

namespace ChargeBridge.Host.Checks;

/// <summary>Reads one of the site's meters once: does it answer with a power.</summary>
internal static class MeterCheck
{
    /// <param name="ha">Home Assistant, for the types reached through it; null where it did not answer.</param>
    public static Task<IReadOnlyList<CheckItem>> RunAsync(string label, DeviceSpec spec, IHaContext? ha, CancellationToken ct) =>
        DeviceCheck.RunAsync(label, spec, ha, DeviceRegistry.Default.MeterTypes, DeviceRegistry.Default.Meter, "meter",
            async (meter, hint) =>
            {
                var reading = await meter.RefreshAsync(ct);
                return reading is { Problem: null, Power: { } power }
                    ? [CheckItem.Pass($"{label} answers: {power.Watts:0} W")]
                    : [CheckItem.Fail($"{label} gives no power: {reading.Problem}", hint)];
            });
}
