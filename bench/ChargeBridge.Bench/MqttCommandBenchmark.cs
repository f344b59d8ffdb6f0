using System.Diagnostics;
using System.Globalization;
using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.Control;
using ChargeBridge.Host.Demo;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeBridge.Bench;

/// <summary>
/// A charge-mode command over MQTT to the Modbus write on the charger: the demo's setup (HA fake, V2G app in the host
/// with MQTT on, Quasar simulator on loopback) with Debian's mosquitto; an independent MQTT client (as HA would)
/// publishes the select's command, alternating "Max boost now" and "Pause", and the time is taken until the simulator
/// has received the new power set point (register 260). Virtual time stands still meanwhile. Baseline in the same run:
/// a bare MQTT round trip (QoS 1 publish by the same client to a topic it subscribes to, until it is back).
/// Options: --commands N (default 400).
/// </summary>
internal sealed class MqttCommandBenchmark : IBenchmark
{
    private const int WarmUp = 20;
    private const string Command = "chargebridge/chargebridge_charge_mode/set";

    public string Name => "mqtt-command";

    public async Task RunAsync(string[] args)
    {
        var commands = (int)ModbusLatencyTable.Option(args, "--commands", 400);
        await using var broker = await MosquittoBroker.StartAsync();
        var scenario = new DemoScenario();
        await using var world = await DemoWorld.StartAsync(scenario.Start, scenario.Car, fake => DemoDay.SetUp(fake, scenario), LogLevel.Error,
            CancellationToken.None, new Dictionary<string, string?> { ["Mqtt:Host"] = "127.0.0.1", ["Mqtt:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture) });
        await world.StepAsync(TimeSpan.Zero, CancellationToken.None);
        world.Charger.PlugIn();
        for (var i = 0; i < 5; i++) await world.StepAsync(DemoDay.Tick, CancellationToken.None);
        if (world.Controller.Schedule is null) throw new InvalidOperationException("the V2G app has no schedule to start from");

        using var ha = new MqttClientFactory().CreateMqttClient();
        var echoed = 0;
        ha.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref echoed);
            return Task.CompletedTask;
        };
        await ha.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-ha").Build());
        await ha.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("bench/echo", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var modes = new[] { ChargeMode.MaxBoostNow, ChargeMode.Pause };
        var samples = new List<double>(commands);
        for (var i = 0; samples.Count < commands; i++)
        {
            var controller = world.Controller;
            var writes = world.Charger.PowerSetPointWrites.Count;
            var steps = controller.CompletedSteps;
            var start = Stopwatch.GetTimestamp();
            await ha.PublishAsync(Message(Command, V2GEntities.ModeNames[modes[i % 2]]));
            await ModeChangeBenchmark.Until(() => world.Charger.PowerSetPointWrites.Count > writes, $"the set point after the command {modes[i % 2]}");
            if (i >= WarmUp) samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            await ModeChangeBenchmark.Until(() => controller.CompletedSteps > steps && !controller.Stepping, "the V2G step after the command");
        }

        var baseline = new List<double>(commands);
        for (var i = 0; i < commands + WarmUp; i++)
        {
            var before = Volatile.Read(ref echoed);
            var start = Stopwatch.GetTimestamp();
            await ha.PublishAsync(Message("bench/echo", i.ToString(CultureInfo.InvariantCulture)));
            await ModeChangeBenchmark.Until(() => Volatile.Read(ref echoed) > before, "the echo");
            if (i >= WarmUp) baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        ModbusLatencyTable.Header("path", "commands");
        ModbusLatencyTable.Row("MQTT select command (independent client) → V2G step → register 260 written on the simulator", samples);
        ModbusLatencyTable.Row("bare MQTT round trip through mosquitto, QoS 1 (baseline)", baseline);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"p50 {Stats.Median(samples):0.000} ms, p99 {Stats.Percentile(samples, 99):0.000} ms; p50 ratio command / bare round trip: {Stats.Median(samples) / Stats.Median(baseline):0.0}, p99 ratio: {Stats.Percentile(samples, 99) / Stats.Percentile(baseline, 99):0.0}"));
    }

    private static MqttApplicationMessage Message(string topic, string payload) => new MqttApplicationMessageBuilder()
        .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
}
