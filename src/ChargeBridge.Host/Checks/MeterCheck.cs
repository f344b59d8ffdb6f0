using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;

namespace ChargeBridge.Host.Checks;

/// <summary>Reads one of the site's meters once: does it answer with a power.</summary>
internal static class MeterCheck
{
    /// <param name="ha">Home Assistant, for the types reached through it; null where it did not answer.</param>
    public static async Task<IReadOnlyList<CheckItem>> RunAsync(string label, DeviceSpec spec, IHaContext? ha, CancellationToken ct)
    {
        var type = DeviceRegistry.Default.MeterTypes.FirstOrDefault(t => t.Name == spec.Type);
        var build = DeviceRegistry.Default.Meter(spec, new DeviceContext(TimeProvider.System) { Interactive = true, Ha = ha });
        if (type is { NeedsHomeAssistant: true } && ha is null)
            return [CheckItem.Fail($"{label} is reached through Home Assistant, which did not answer", "see the Home Assistant checks above")];
        if (type is null || build.Device is not { } meter)
            return [.. build.Problems.Select(p => CheckItem.Fail($"{label}: {p}", "see the meter types and their keys in docs/devices.md"))];
        try
        {
            var reading = await meter.RefreshAsync(ct);
            return reading is { Problem: null, Power: { } power }
                ? [CheckItem.Pass($"{label} answers: {power.Watts:0} W")]
                : [CheckItem.Fail($"{label} gives no power: {reading.Problem}", type.Hint)];
        }
        finally
        {
            if (meter is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }
}
