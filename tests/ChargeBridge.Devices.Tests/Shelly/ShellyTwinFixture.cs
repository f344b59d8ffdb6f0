using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Shelly;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.Shelly;

/// <summary>Twins and the meters built against them through the registry, all disposed after each test.</summary>
public abstract class ShellyTwinFixture : IAsyncLifetime
{
    private readonly List<ShellySimulator> _twins = [];
    private readonly List<IMeter> _meters = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public static string TypeName(ShellyModel model) => model switch
    {
        ShellyModel.Gen1Em => ShellyGen1Type.TypeName,
        ShellyModel.Pro3Em => ShellyPro3EmType.TypeName,
        _ => ShellyProEmType.TypeName,
    };

    protected async Task<ShellySimulator> Twin(ShellyModel model, string? password = null)
    {
        var twin = await ShellySimulator.StartAsync(model, new ShellySimulatorOptions { Password = password, Time = Time });
        _twins.Add(twin);
        return twin;
    }

    /// <summary>A meter of the twin's type on the twin's port, with <paramref name="keys"/> added.</summary>
    protected IMeter Meter(ShellySimulator twin, params (string Key, string Value)[] keys) => Meter(TypeName(twin.Model), twin.Port, null, keys);

    protected IMeter Meter(string type, int port, ILoggerFactory? logging, params (string Key, string Value)[] keys)
    {
        var section = new Dictionary<string, string> { ["Type"] = type, ["Host"] = "127.0.0.1", ["Port"] = port.ToString() };
        foreach (var (key, value) in keys) section[key] = value;
        var context = new DeviceContext(Time) { Logging = logging ?? NullLoggerFactory.Instance };
        var build = DeviceRegistry.Default.Meter(DeviceSpec.From(section), context);
        Assert.Empty(build.Problems);
        _meters.Add(build.Device!);
        return build.Device!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var meter in _meters) (meter as IDisposable)?.Dispose();
        foreach (var twin in _twins) await twin.DisposeAsync();
    }
}
