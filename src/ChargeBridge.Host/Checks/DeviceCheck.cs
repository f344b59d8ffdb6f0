using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;

namespace ChargeBridge.Host.Checks;

/// <summary>What checking any device of the site shares: build it from its keys for one read (through Home Assistant
/// for the types reached through it), fail with each problem when it cannot be built, and dispose it afterwards.</summary>
internal static class DeviceCheck
{
    /// <param name="ha">Home Assistant, for the types reached through it; null where it did not answer.</param>
    /// <param name="check">Reads the built device; gets the type's hint for its failures.</param>
    public static async Task<IReadOnlyList<CheckItem>> RunAsync<T>(string label, DeviceSpec spec, IHaContext? ha, IEnumerable<IDeviceType<T>> types,
        Func<DeviceSpec, DeviceContext, DeviceBuild<T>> build, string kind, Func<T, string, Task<IReadOnlyList<CheckItem>>> check) where T : class
    {
        var type = types.FirstOrDefault(t => t.Name == spec.Type);
        if (type is { NeedsHomeAssistant: true } && ha is null)
            return [CheckItem.Fail($"{label} is reached through Home Assistant, which did not answer", "see the Home Assistant checks above")];
        var built = build(spec, new DeviceContext(TimeProvider.System) { Interactive = true, Ha = ha });
        if (type is null || built.Device is not { } device)
            return [.. built.Problems.Select(p => CheckItem.Fail($"{label}: {p}", $"see the {kind} types and their keys in docs/devices.md"))];
        try
        {
            return await check(device, type.Hint);
        }
        finally
        {
            if (device is IAsyncDisposable disposable) await disposable.DisposeAsync();
            else (device as IDisposable)?.Dispose();
        }
    }
}
