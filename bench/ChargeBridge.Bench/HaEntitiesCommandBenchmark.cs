using System.Globalization;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Registry;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Host;

namespace ChargeBridge.Bench;

/// <summary>
/// Time from <c>SetPowerAsync</c> on an ha-entities charger (built through the registry, connected to the HA fake over
/// its WebSocket API as the host connects) to the fake recording the <c>number.set_value</c> service call, on
/// loopback; and the whole command until HA has answered it. Baseline in the same run: the same service call made
/// directly through the HA context. Options: --commands N (default 1000).
/// </summary>
internal sealed class HaEntitiesCommandBenchmark : IBenchmark
{
    public string Name => "ha-entities-command";

    public async Task RunAsync(string[] args)
    {
        var commands = (int)ModbusLatencyTable.Option(args, "--commands", 1000);
        await using var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        using var twin = HaChargerTwin.Attach(fake, new HaChargerTwinOptions());
        await using var ha = await VerbHaSession.ConnectAsync(fake.ClientOptions(), TimeSpan.FromSeconds(15), CancellationToken.None)
            ?? throw new InvalidOperationException("the HA fake did not accept the connection");
        var build = DeviceRegistry.Default.Charger(DeviceSpec.From(twin.ChargerKeys), new DeviceContext(TimeProvider.System) { Ha = ha.Context });
        var charger = build.Device ?? throw new InvalidOperationException(string.Join("; ", build.Problems));
        int SetValues() => fake.ServiceCalls.Count(c => c is { Domain: "number", Service: "set_value" });

        try
        {
            // A different current each time, and HA's state caught up before the next one, so every command calls set_value.
            var (toWrite, roundTrip) = await CommandLatency.MeasureAsync(commands, async i =>
            {
                var amperes = 6 + i % 11;
                var result = await charger.SetPowerAsync(Power.FromWatts(amperes * 3 * 230));
                await CaughtUpAsync(ha.Context, twin.Current, amperes);
                return result;
            }, SetValues);

            var baseline = await CommandLatency.MeasureBareAsync(commands, i => ha.Context.CallServiceAsync("number", "set_value",
                ServiceTarget.Entity(twin.Current), new Dictionary<string, object> { ["value"] = 6 + i % 11 }));

            CommandLatency.Print("ha-entities", "number.set_value recorded by the HA fake (seen by the loop)", toWrite, roundTrip,
                "the same number.set_value call through the HA context", baseline);
        }
        finally
        {
            if (charger is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    private static async Task CaughtUpAsync(IHaContext ha, string entity, int amperes)
    {
        var shown = amperes.ToString(CultureInfo.InvariantCulture);
        for (var wait = 0; ha.GetState(entity)?.State is not { } state || double.Parse(state, CultureInfo.InvariantCulture) != amperes; wait++)
        {
            if (wait > 5000) throw new InvalidOperationException($"{entity} did not show {shown}");
            await Task.Delay(1);
        }
    }
}
