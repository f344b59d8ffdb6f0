using System.Reflection;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Meters;
using ChargeBridge.HassModel.Runtime;

namespace ChargeBridge.Devices.Registry;

/// <summary>
/// Every device type this build knows, by name. The default registry finds each <see cref="IChargerType"/> and
/// <see cref="IMeterType"/> in this assembly, so a new device type is one folder with its driver, its twin and its
/// type class, and nothing to add elsewhere.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly Dictionary<string, IChargerType> _chargers;
    private readonly Dictionary<string, IMeterType> _meters;

    public DeviceRegistry(IEnumerable<IChargerType> chargers, IEnumerable<IMeterType> meters)
    {
        _chargers = chargers.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        _meters = meters.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static DeviceRegistry Default { get; } = new(Discover<IChargerType>(), Discover<IMeterType>());

    public IReadOnlyCollection<IChargerType> ChargerTypes => _chargers.Values;
    public IReadOnlyCollection<IMeterType> MeterTypes => _meters.Values;

    /// <summary>The charger the spec describes, or the problems that stop it being built.</summary>
    public DeviceBuild<ICharger> Charger(DeviceSpec spec, DeviceContext context) => Build<ICharger, IChargerType>(_chargers, "charger", spec, context);

    /// <summary>The meter the spec describes, or the problems that stop it being built.</summary>
    public DeviceBuild<IMeter> Meter(DeviceSpec spec, DeviceContext context) => Build<IMeter, IMeterType>(_meters, "meter", spec, context);

    /// <summary>Every problem of the spec's keys, found without contacting the device (for start-up validation).</summary>
    public IReadOnlyList<ConfigProblem> Validate(DeviceSpec spec, DeviceKind kind)
    {
        var context = new DeviceContext(TimeProvider.System) { Validating = true };
        return kind == DeviceKind.Charger ? Discard(Charger(spec, context)) : Discard(Meter(spec, context));
    }

    private static IReadOnlyList<ConfigProblem> Discard<T>(DeviceBuild<T> build) where T : class
    {
        (build.Device as IAsyncDisposable)?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        (build.Device as IDisposable)?.Dispose();
        return build.Problems;
    }

    private static DeviceBuild<T> Build<T, TType>(Dictionary<string, TType> types, string kind, DeviceSpec spec, DeviceContext context)
        where T : class where TType : IDeviceType<T>
    {
        if (spec.Type.Length == 0)
            return DeviceBuild<T>.Refused([new ConfigProblem("Type", $"is empty: put the {kind} type here, one of {string.Join(", ", types.Keys.Order())}.")]);
        if (!types.TryGetValue(spec.Type, out var type))
            return DeviceBuild<T>.Refused([new ConfigProblem("Type", $"'{spec.Type}' is not a {kind} type this version knows: use one of {string.Join(", ", types.Keys.Order())}.")]);
        var device = type.Create(spec, context);
        spec.RefuseUnread();
        if (device is not null && spec.Problems.Count == 0) return new DeviceBuild<T>(device, []);
        Discard(new DeviceBuild<T>(device, []));
        return DeviceBuild<T>.Refused(spec.Problems);
    }

    private static IEnumerable<T> Discover<T>() =>
        typeof(DeviceRegistry).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (T)Activator.CreateInstance(t)!);
}

/// <summary>Which port a device serves.</summary>
public enum DeviceKind
{
    Charger,
    Meter,
}

/// <summary>A built device, or why it could not be built (every bad key, named as the user wrote it).</summary>
public sealed record DeviceBuild<T>(T? Device, IReadOnlyList<ConfigProblem> Problems) where T : class
{
    public static DeviceBuild<T> Refused(IReadOnlyList<ConfigProblem> problems) => new(null, problems);
}
