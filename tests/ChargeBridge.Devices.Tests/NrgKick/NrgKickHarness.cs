using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Simulation;
using ChargeBridge.Devices.NrgKick;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.NrgKick;

/// <summary>An <c>nrgkick</c> charger built through the registry against a twin, both on one virtual clock.
/// <see cref="RunAsync{T}"/> moves the clock from one settle wait to the next, never as far as a request's timeout, so
/// a command's retries take milliseconds.</summary>
internal sealed class NrgKickHarness : IAsyncDisposable
{
    public const string Password = "kick-pass-7731";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    private NrgKickHarness(VirtualClock clock, NrgKickTwin twin, NrgKickCharger charger)
    {
        Clock = clock;
        Twin = twin;
        Charger = charger;
    }

    public VirtualClock Clock { get; }
    public NrgKickTwin Twin { get; }
    public NrgKickCharger Charger { get; }

    /// <summary>A twin with the right password and a charger with <paramref name="keys"/> (Password, TimeoutS … override).</summary>
    public static Task<NrgKickHarness> StartAsync(params (string Key, string Value)[] keys) => StartAsync(o => o, keys);

    public static async Task<NrgKickHarness> StartAsync(Func<NrgKickTwinOptions, NrgKickTwinOptions> twinOptions, params (string Key, string Value)[] keys)
    {
        var clock = new VirtualClock();
        var twin = await NrgKickTwin.StartAsync(twinOptions(new NrgKickTwinOptions { Password = Password, Clock = clock }));
        var section = new Dictionary<string, string>
        {
            ["Type"] = "nrgkick", ["Host"] = "127.0.0.1", ["Port"] = twin.Port.ToString(), ["Password"] = Password, ["TimeoutS"] = "60",
        };
        foreach (var (key, value) in keys) section[key] = value;
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(section), new DeviceContext(clock));
        Assert.Empty(build.Problems);
        return new NrgKickHarness(clock, twin, Assert.IsType<NrgKickCharger>(build.Device));
    }

    /// <summary>Runs <paramref name="command"/>, moving the clock to each settle wait it starts.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> command)
    {
        var task = command();
        while (!task.IsCompleted)
        {
            await Wait.Until(() => task.IsCompleted || Clock.NextDue is { } due && due - Clock.GetUtcNow() <= Settle, "the command to wait or end");
            if (!task.IsCompleted) Clock.AdvanceTo(Clock.NextDue!.Value);
        }
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await Charger.DisposeAsync();
        await Twin.DisposeAsync();
    }
}
