using System.Diagnostics;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;
using ChargeBridge.Devices.HaEntities;
using ChargeBridge.Devices.Quasar;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Host;

namespace ChargeBridge.Bench;

/// <summary>
/// One site tick on loopback twins, as the site loop and the loadpoints' loops do it, timed from its start to the
/// last command acknowledged: read every device at once (the Shelly Pro 3EM twin over HTTP through the site's meters,
/// the Quasar simulator over Modbus TCP, the ha-entities charger from the HA client's state cache), decide per
/// loadpoint in Core (<see cref="ChargeModeController"/> on a schedule's set point that changes every tick, and the
/// site balance), and command each charger through its <see cref="ChargerCommander"/> (a Modbus write; an HA
/// service call answered by the charger twin on the HA fake). Devices are built by the registry from their config
/// keys, as the host builds them. Baseline in the same run: the same tick for the Quasar alone, without a meter.
/// Options: --ticks N (default 1000).
/// </summary>
internal sealed class SiteTickBenchmark : IBenchmark
{
    public string Name => "site-tick";

    private static readonly ChargeSettings Settings = new() { MaxChargePower = Power.FromWatts(7400) };

    public async Task RunAsync(string[] args)
    {
        var ticks = (int)ModbusLatencyTable.Option(args, "--ticks", 1000);
        await using var quasarSim = await QuasarSimulator.StartAsync(options: new QuasarSimulatorOptions { CarConnected = true });
        await using var fake = await HomeAssistantFake.StartAsync(token: Guid.NewGuid().ToString("N"));
        using var twin = HaChargerTwin.Attach(fake, new HaChargerTwinOptions());
        await using var shelly = await ShellySimulator.StartAsync(ShellyModel.Pro3Em);
        shelly.SetPower(3200);
        await using var ha = await VerbHaSession.ConnectAsync(fake.ClientOptions(), TimeSpan.FromSeconds(15), CancellationToken.None)
            ?? throw new InvalidOperationException("the HA fake did not accept the connection");
        var context = new DeviceContext(TimeProvider.System) { Ha = ha.Context };

        var quasar = Build(DeviceRegistry.Default.Charger(Spec(("Type", "quasar"), ("Host", "127.0.0.1"), ("Port", quasarSim.Endpoint.Port.ToString()),
            ("AcquireSocOnPlugIn", "false")), context));
        var integrated = Build(DeviceRegistry.Default.Charger(DeviceSpec.From(twin.ChargerKeys), context));
        var grid = Build(DeviceRegistry.Default.Meter(Spec(("Type", "shelly-pro3em"), ("Host", "127.0.0.1"), ("Port", shelly.Port.ToString())), context));
        (quasar as IStartable)?.Start();
        (integrated as IStartable)?.Start();
        try
        {
            var site = new SiteMeters(grid, null, null, new GridConnection(Power.FromWatts(17250), null), TimeProvider.System);
            var both = await MeasureAsync(ticks, [quasar, integrated], site);
            var alone = await MeasureAsync(ticks, [quasar], new SiteMeters(null, null, null, new GridConnection(null, null), TimeProvider.System));

            ModbusLatencyTable.Header("tick", "ticks");
            ModbusLatencyTable.Row("site: Shelly grid meter + Quasar + ha-entities charger, read, decide, command both", both);
            ModbusLatencyTable.Row("the Quasar alone, no meter: read, decide, command (baseline)", alone);
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant(
                $"site tick p99 {Stats.Percentile(both, 99):0.000} ms; p50 ratio site / Quasar alone: {Stats.Median(both) / Stats.Median(alone):0.00}"));
        }
        finally
        {
            foreach (var device in new object[] { quasar, integrated, grid })
                if (device is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    private static async Task<List<double>> MeasureAsync(int ticks, ICharger[] chargers, SiteMeters site)
    {
        var commanders = chargers.Select(c => new ChargerCommander(c)).ToArray();
        var samples = new List<double>(ticks);
        for (var i = 0; i < ticks + 50; i++)
        {
            // Whole amperes on both chargers' steps, different each tick, so every tick commands both.
            var setPoint = Power.FromWatts(i % 2 == 0 ? 7360 : 5520);
            var start = Stopwatch.GetTimestamp();
            var statuses = await Task.WhenAll(chargers.Select(c => c.RefreshAsync()));
            var balance = await site.ReadAsync([.. statuses.Select(s => s.ActualPower)], CancellationToken.None);
            var sends = new List<Task<ChargerCommandResult?>>();
            for (var c = 0; c < chargers.Length; c++)
            {
                var status = statuses[c];
                var input = new ControlInput(status.At, ChargeMode.Automatic, new Percent(50), status.CarConnected == true, true, status.IsFaulted,
                    setPoint, Settings.Within(chargers[c].Capabilities), chargers[c].Capabilities, new Percent(97));
                sends.Add(commanders[c].SendAsync(ChargeModeController.Decide(input).Command, status.CarConnected, CancellationToken.None));
            }
            var results = await Task.WhenAll(sends);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (results.FirstOrDefault(r => r is not { Succeeded: true }) is { } failed)
                throw new InvalidOperationException($"a command was not taken: {failed?.Reason ?? "held back"}");
            if (site.Grid is not null && balance.Grid is null) throw new InvalidOperationException("the grid meter gave no power: " + string.Join("; ", balance.Problems));
            if (i >= 50) samples.Add(elapsed); // the first 50 warm up
        }
        return samples;
    }

    private static DeviceSpec Spec(params (string Key, string Value)[] keys) => DeviceSpec.From(keys.ToDictionary(k => k.Key, k => k.Value));

    private static T Build<T>(DeviceBuild<T> build) where T : class =>
        build.Device ?? throw new InvalidOperationException(string.Join("; ", build.Problems));
}
