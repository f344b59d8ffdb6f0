using System.Globalization;
using ChargeBridge.Tests;
using MQTTnet;

namespace ChargeBridge.Bench;

/// <summary>Resident memory of the `chargebridge run` process with MQTT discovery on (Debian's mosquitto on loopback)
/// against MQTT off (baseline, the REST path), each after the same idle period, the median of several runs of each,
/// alternated so that the machine's load falls on both. Options: --idle S (default 30), --runs N (default 3).</summary>
internal sealed class MqttHostMemoryBenchmark : IBenchmark
{
    public string Name => "mqtt-host-rss";

    public async Task RunAsync(string[] args)
    {
        var idle = TimeSpan.FromSeconds(ModbusLatencyTable.Option(args, "--idle", 30));
        var runs = (int)ModbusLatencyTable.Option(args, "--runs", 3);
        await using var broker = await MosquittoBroker.StartAsync();
        var mqtt = new Dictionary<string, string> { ["Mqtt__Host"] = "127.0.0.1", ["Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture) };
        var off = new List<double>();
        var on = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            off.Add(await HostIdleMemoryBenchmark.MeasureAsync(1, idle));
            on.Add(await HostIdleMemoryBenchmark.MeasureAsync(1, idle, mqtt));
        }
        // The MQTT runs must have published: their discovery configs stay retained on the broker.
        var configs = await RetainedConfigsAsync(broker.Port);
        if (configs == 0) throw new InvalidOperationException("the host with MQTT on published no discovery config: the runs did not measure MQTT");
        Console.WriteLine($"{configs} discovery configs retained on the broker after the MQTT runs");
        Console.WriteLine("| entities over | idle (s) | runs | host RSS, median (MB) | runs (MB) |");
        Console.WriteLine("|---|---|---|---|---|");
        string Runs(List<double> values) => string.Join(", ", values.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| REST, MQTT off (baseline) | {idle.TotalSeconds:0} | {runs} | {Stats.Median(off):0.0} | {Runs(off)} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MQTT discovery | {idle.TotalSeconds:0} | {runs} | {Stats.Median(on):0.0} | {Runs(on)} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio MQTT / REST: {Stats.Median(on) / Stats.Median(off):0.00}"));
    }

    private static async Task<int> RetainedConfigsAsync(int port)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var count = 0;
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Retain) Interlocked.Increment(ref count);
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-count").Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("homeassistant/+/chargebridge/+/config").Build());
        // Retained messages come right after the subscription; a second is ample on loopback.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return Volatile.Read(ref count);
    }
}
