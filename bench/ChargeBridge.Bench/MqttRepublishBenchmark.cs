using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChargeBridge.HassModel.Mqtt;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeBridge.Bench;

/// <summary>
/// How long Home Assistant waits, after it announces "online" on homeassistant/status (it restarted), until every
/// entity's retained discovery config and state is back at the broker: the time from that announcement to the last
/// of them reaching a separate subscriber, through Debian's mosquitto on loopback. 40 entities (the size of a site with
/// two loadpoints). Baseline in the same run: a bare MQTTnet client publishing the same messages one after the other
/// (what any re-publish must at least do). Options: runs (default 30).
/// </summary>
internal sealed class MqttRepublishBenchmark : IBenchmark
{
    public string Name => "mqtt-republish";

    private const int Entities = 40;

    public async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        await using var broker = await MosquittoBroker.StartAsync();
        var options = new MqttOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "bench-publisher" };
        var device = new MqttDevice(["bench"], "ChargeBridge", "ChargeBridge", "bench", "0");
        var entities = Enumerable.Range(0, Entities).Select(i => (i % 4) switch
        {
            0 => MqttEntity.Sensor($"power_{i}", $"Power {i}", "W"),
            1 => MqttEntity.Select($"mode_{i}", $"Mode {i}", ["Automatic", "Charge", "Pause"]),
            2 => MqttEntity.Number($"soc_{i}", $"SoC {i}", 0, 100, 1, "%"),
            _ => MqttEntity.Sensor($"energy_{i}", $"Energy {i}", "kWh"),
        }).ToList();
        await using var publisher = new MqttEntityPublisher(options, device, entities, NullLogger<MqttEntityPublisher>.Instance, TimeProvider.System);
        foreach (var entity in entities) publisher.SetState(entity.ObjectId, entity.ObjectId.StartsWith("mode", StringComparison.Ordinal) ? "Automatic" : "12.5");

        using var watcher = new MqttClientFactory().CreateMqttClient();
        var received = 0;
        watcher.ApplicationMessageReceivedAsync += e =>
        {
            if (!e.ApplicationMessage.Retain) Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await watcher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-watcher").Build());
        await watcher.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("homeassistant/+/+/+/config", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("chargebridge/+/state", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var expected = Entities * 2;
        publisher.Start();
        await Until(() => Volatile.Read(ref received) >= expected);

        var ours = new List<double>();
        var bare = new List<double>();
        using var baseline = new MqttClientFactory().CreateMqttClient();
        await baseline.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-bare").Build());
        var messages = entities.SelectMany(e => new[] { ($"homeassistant/x/bench/{e.ObjectId}/config", new string('c', 400)), ($"chargebridge/{e.ObjectId}/state", "12.5") }).ToList();
        for (var run = 0; run < runs; run++)
        {
            Interlocked.Exchange(ref received, 0);
            var clock = Stopwatch.StartNew();
            await watcher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("homeassistant/status").WithPayload("online").Build());
            await Until(() => Volatile.Read(ref received) >= expected);
            ours.Add(clock.Elapsed.TotalMilliseconds);

            Interlocked.Exchange(ref received, 0);
            clock.Restart();
            foreach (var (topic, payload) in messages)
                await baseline.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
                    .WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            await Until(() => Volatile.Read(ref received) >= expected);
            bare.Add(clock.Elapsed.TotalMilliseconds);
        }
        await publisher.StopAsync(CancellationToken.None);

        Console.WriteLine($"{Entities} entities ({expected} retained configs and states), {runs} runs, mosquitto on loopback");
        Console.WriteLine();
        Console.WriteLine("| case | median ms | p95 ms | ratio (median) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row("ours: \"online\" on homeassistant/status → every config and state back", ours, Stats.Median(bare)));
        Console.WriteLine(Row("bare MQTTnet client publishing the same 80 messages (baseline)", bare, Stats.Median(bare)));
    }

    private static string Row(string name, List<double> times, double baseline) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {Stats.Median(times):0.0} | {Stats.Percentile(times, 95):0.0} | {Stats.Median(times) / baseline:0.00} |");

    private static async Task Until(Func<bool> condition)
    {
        var limit = Stopwatch.StartNew();
        while (!condition())
        {
            if (limit.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the messages did not all arrive");
            await Task.Delay(1);
        }
    }
}
