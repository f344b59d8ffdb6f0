using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;

namespace ChargeBridge.Host.Checks;

/// <summary>Reads one of the site's meters once: does it answer with a power.</summary>
internal static class MeterCheck
{
    public static async Task<IReadOnlyList<CheckItem>> RunAsync(string label, DeviceSpec spec, CancellationToken ct)
    {
        var type = DeviceRegistry.Default.MeterTypes.FirstOrDefault(t => t.Name == spec.Type);
        var build = DeviceRegistry.Default.Meter(spec, new DeviceContext(TimeProvider.System) { Interactive = true });
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
