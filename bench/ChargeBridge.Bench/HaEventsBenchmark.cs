using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel;
using ChargeBridge.HassModel.Client;
using ChargeBridge.HassModel.Fake;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeBridge.Bench;

/// <summary>state_changed from the HA fake to an app observer: throughput and latency, against a bare WebSocket
/// reader of the same frames (no parsing, no cache) as the baseline.</summary>
internal sealed class HaEventsBenchmark : IBenchmark
{
    public string Name => "ha-events";

    public async Task RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        const int latencySamples = 20_000;
        await using var fake = await HomeAssistantFake.StartAsync();
        fake.SetStates(Enumerable.Range(0, 1000).Select(i => ($"sensor.s{i}", "0", (JsonObject?)new JsonObject { ["unit_of_measurement"] = "W" })));

        var ours = await MeasureOursAsync(fake, events, latencySamples);
        var bare = await MeasureBareAsync(fake, events);
        Console.WriteLine($"| events | ours events/s | bare socket events/s | ours/bare | p50 latency ms | p99 latency ms |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {events} | {ours.Rate:0} | {bare:0} | {ours.Rate / bare:0.00} | {ours.P50:0.000} | {ours.P99:0.000} |"));
    }

    private static async Task<(double Rate, double P50, double P99)> MeasureOursAsync(HomeAssistantFake fake, int events, int latencySamples)
    {
        var client = new HomeAssistantClient(fake.ClientOptions(), NullLogger<HomeAssistantClient>.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(stop.Token);
        while (!client.IsConnected) await Task.Delay(10);
        using var context = new HaContext(client, NullLogger<HaContext>.Instance);

        // Throughput: a burst of changes, timed until the app's observer has seen the last one.
        var received = 0;
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.Entity("sensor.s1").StateAllChanges().Subscribe(_ => { if (Interlocked.Increment(ref received) == events) allSeen.SetResult(); }))
        {
            var started = Stopwatch.GetTimestamp();
            for (var sent = 0; sent < events; sent += 1000)
                fake.SetStates(Enumerable.Range(sent, Math.Min(1000, events - sent)).Select(i => ("sensor.s1", i.ToString(CultureInfo.InvariantCulture), (JsonObject?)null)));
            await allSeen.Task.WaitAsync(TimeSpan.FromMinutes(5));
            var rate = events / Stopwatch.GetElapsedTime(started).TotalSeconds;

            // Latency: one change at a time, the send time carried in the state, read by the observer.
            var latencies = new List<double>(latencySamples);
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var _ = context.Entity("sensor.s2").StateAllChanges().Subscribe(c =>
            {
                latencies.Add(Stopwatch.GetElapsedTime(long.Parse(c.New!.State!, CultureInfo.InvariantCulture)).TotalMilliseconds);
                next.TrySetResult();
            });
            for (var i = 0; i < latencySamples; i++)
            {
                next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                fake.SetState("sensor.s2", Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
                await next.Task;
            }
            await stop.CancelAsync();
            await run;
            return (rate, Stats.Median(latencies), Stats.Percentile(latencies, 99));
        }
    }

    /// <summary>The same burst read by a bare WebSocket that only counts frames' messages: the transport's own ceiling.</summary>
    private static async Task<double> MeasureBareAsync(HomeAssistantFake fake, int events)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(fake.WebSocketUri, CancellationToken.None);
        var buffer = new ArrayBufferWriter<byte>();
        async Task<string> Receive()
        {
            buffer.ResetWrittenCount();
            while (true)
            {
                var r = await socket.ReceiveAsync(buffer.GetMemory(64 * 1024), CancellationToken.None);
                buffer.Advance(r.Count);
                if (r.EndOfMessage) return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
        }
        Task Send(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        await Receive();
        await Send($"{{\"type\":\"auth\",\"access_token\":\"{fake.Token}\"}}");
        await Receive();
        await Send("{\"id\":1,\"type\":\"supported_features\",\"features\":{\"coalesce_messages\":1}}");
        await Receive();
        await Send("{\"id\":2,\"type\":\"subscribe_entities\",\"entity_ids\":[\"sensor.s3\"]}");
        while (!(await Receive()).Contains("\"a\":{", StringComparison.Ordinal)) { }
        var started = Stopwatch.GetTimestamp();
        var producer = Task.Run(() =>
        {
            for (var sent = 0; sent < events; sent += 1000)
                fake.SetStates(Enumerable.Range(sent, Math.Min(1000, events - sent)).Select(i => ("sensor.s3", i.ToString(CultureInfo.InvariantCulture), (JsonObject?)null)));
        });
        var seen = 0;
        while (seen < events)
        {
            var frame = await Receive();
            seen += CountChanges(frame);
        }
        await producer;
        return events / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Entity diffs in a frame, one "+" key each (JSON may escape it as \u002B), whether the frame is one
    /// message or a coalesced array.</summary>
    private static int CountChanges(string frame) => Occurrences(frame, "\"+\":") + Occurrences(frame, "\"\\u002B\":");

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }
}
