using ChargeBridge.Core.Simulation;
using ChargeBridge.Devices.Alfen;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Alfen;

/// <summary>An <c>alfen</c> charger built through the registry against the twin, both on one virtual clock. Requests
/// may take 60 s of that clock (TimeoutS), so moving it by a poll interval never times one out.</summary>
internal sealed class AlfenHarness : IAsyncDisposable
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    private AlfenHarness(VirtualClock clock, AlfenSimulator twin, AlfenCharger charger)
    {
        Clock = clock;
        Twin = twin;
        Charger = charger;
    }

    public VirtualClock Clock { get; }
    public AlfenSimulator Twin { get; }
    public AlfenCharger Charger { get; }

    public static async Task<AlfenHarness> StartAsync(Func<AlfenSimulatorOptions, AlfenSimulatorOptions>? twinOptions = null, params (string Key, string Value)[] keys)
    {
        var clock = new VirtualClock();
        var twin = await AlfenSimulator.StartAsync((twinOptions ?? (o => o))(new AlfenSimulatorOptions { Clock = clock }));
        var section = new Dictionary<string, string>
        {
            ["Type"] = "alfen", ["Host"] = "127.0.0.1", ["Port"] = twin.Endpoint.Port.ToString(), ["TimeoutS"] = "60",
        };
        foreach (var (key, value) in keys) section[key] = value;
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(clock));
        Assert.Empty(build.Problems);
        return new AlfenHarness(clock, twin, Assert.IsType<AlfenCharger>(build.Device));
    }

    /// <summary>Moves the clock through the started charger's polls for <paramref name="span"/>, one poll at a time,
    /// each once the previous one has finished.</summary>
    public async Task RunPollsAsync(TimeSpan span)
    {
        var end = Clock.GetUtcNow() + span;
        while (Clock.GetUtcNow() < end)
        {
            await Wait.Until(() => Clock.NextDue is { } due && due - Clock.GetUtcNow() <= Poll, "the charger to wait for its next poll");
            Clock.AdvanceTo(Clock.NextDue!.Value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Charger.DisposeAsync();
        await Twin.DisposeAsync();
    }
}
