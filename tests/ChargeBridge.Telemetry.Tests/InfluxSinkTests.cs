using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChargeBridge.Core.Telemetry;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Telemetry.Tests;

/// <summary>The InfluxDB sink against Debian's influxd started for each test.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class InfluxSinkTests
{
    private const string Database = "chargebridge";
    private readonly FakeLogger<InfluxSink> _logger = new();

    private TelemetryOptions Options(Uri url) => new()
    {
        InfluxUrl = url, Database = Database, Flush = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private InfluxSink Sink(TelemetryOptions options, TelemetryMetrics metrics) => new(options, new HttpClient(), metrics, TimeProvider.System, _logger);

    [Fact]
    public async Task Samples_written_are_queryable_with_their_values_and_millisecond_timestamps()
    {
        await using var influx = await InfluxServer.StartAsync(Database);
        using var metrics = new TelemetryMetrics();
        using var sink = Sink(Options(influx.Url), metrics);
        await sink.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++) sink.Publish(Samples.At(i, "garage", "driveway") with { At = Samples.Start.AddMilliseconds(1000 * i + 123) });

        await Wait.Until(() => sink.WrittenTotal == 9, "9 points written");
        var site = await influx.QueryAsync(Database, $"SELECT * FROM {LineProtocol.SiteMeasurement}");
        Assert.Equal(new[] { 0, 1, 2 }.Select(i => Samples.Start.AddMilliseconds(1000 * i + 123).ToUnixTimeMilliseconds()), site.Select(r => r["time"].GetInt64()));
        Assert.Equal([1000.0, 1001, 1002], site.Select(r => r["grid_w"].GetDouble()));
        Assert.All(site, r => Assert.Equal(-2500.5, r["pv_w"].GetDouble()));
        Assert.Equal([800.0, 801, 802], site.Select(r => r["house_w"].GetDouble()));
        var driveway = await influx.QueryAsync(Database, $"SELECT * FROM {LineProtocol.LoadpointMeasurement} WHERE loadpoint = 'driveway'");
        Assert.Equal(3, driveway.Count);
        Assert.All(driveway, r =>
        {
            Assert.Equal(-3679, r["power_w"].GetDouble());
            Assert.Equal(-3700, r["set_point_w"].GetDouble());
            Assert.Equal(62.5, r["soc_pct"].GetDouble());
        });
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Loadpoint_names_with_spaces_commas_equals_signs_and_quotes_arrive_as_they_were()
    {
        await using var influx = await InfluxServer.StartAsync(Database);
        using var metrics = new TelemetryMetrics();
        using var sink = Sink(Options(influx.Url), metrics);
        await sink.StartAsync(CancellationToken.None);
        string[] names = ["car 1, garage", "a=b", "Tom's \"EV\""];
        sink.Publish(Samples.At(0, names));

        await Wait.Until(() => sink.WrittenTotal == 4, "4 points written");
        var rows = await influx.QueryAsync(Database, $"SHOW TAG VALUES FROM {LineProtocol.LoadpointMeasurement} WITH KEY = \"loadpoint\"");
        Assert.Equal(names.Order(StringComparer.Ordinal), rows.Select(r => r["value"].GetString()!).Order(StringComparer.Ordinal));
        var tom = await influx.QueryAsync(Database, $"SELECT power_w FROM {LineProtocol.LoadpointMeasurement} WHERE loadpoint = 'Tom\\'s \"EV\"'");
        Assert.Equal(-3678, Assert.Single(tom)["power_w"].GetDouble());
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_server_stopped_mid_run_gets_every_buffered_sample_when_it_is_back()
    {
        await using var influx = await InfluxServer.StartAsync(Database);
        using var metrics = new TelemetryMetrics();
        using var sink = Sink(Options(influx.Url), metrics);
        await sink.StartAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++) sink.Publish(Samples.At(i, "garage"));
        await Wait.Until(() => sink.WrittenTotal == 10, "the first 5 samples written");

        await influx.KillAsync();
        for (var i = 5; i < 105; i++) sink.Publish(Samples.At(i, "garage"));
        await Wait.Until(() => _logger.Collector.GetSnapshot().Any(r => r.Has("InfluxAddress") && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning),
            "the warning that writes fail");
        var failing = sink.Status;
        Assert.Equal(TelemetryState.Failing, failing.State);
        Assert.NotNull(failing.FailingSince);
        Assert.True(failing.WriteFailures >= 1, $"{failing.WriteFailures} failures");
        Assert.Equal(10, failing.PointsWritten);
        await influx.StartAgainAsync();

        await Wait.Until(() => sink.WrittenTotal == 210, "every sample written", TimeSpan.FromSeconds(20));
        var site = await influx.QueryAsync(Database, $"SELECT grid_w FROM {LineProtocol.SiteMeasurement}");
        Assert.Equal(Enumerable.Range(0, 105).Select(i => Samples.At(i).At.ToUnixTimeMilliseconds()), site.Select(r => r["time"].GetInt64()));
        Assert.Equal(Enumerable.Range(0, 105).Select(i => 1000.0 + i), site.Select(r => r["grid_w"].GetDouble()));
        Assert.Equal(0, sink.DroppedTotal);
        var back = sink.Status;
        Assert.Equal(TelemetryState.Ok, back.State);
        Assert.Null(back.FailingSince);
        Assert.True(back.LastWrite > failing.FailingSince, $"last write {back.LastWrite}, failing since {failing.FailingSince}");
        Assert.Equal(210, back.PointsWritten);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_full_buffer_drops_the_oldest_samples_counts_them_and_says_so()
    {
        await using var influx = await InfluxServer.StartAsync(Database);
        using var metrics = new TelemetryMetrics();
        using var sink = Sink(Options(influx.Url) with { BufferSize = 10 }, metrics);
        // The writer is not running yet: 25 samples into a buffer of 10.
        for (var i = 0; i < 25; i++) sink.Publish(Samples.At(i, "garage"));
        Assert.Equal(15, sink.DroppedTotal);
        Assert.Equal(10, sink.Waiting);

        await sink.StartAsync(CancellationToken.None);
        await Wait.Until(() => sink.WrittenTotal == 20, "the 10 kept samples written");
        var site = await influx.QueryAsync(Database, $"SELECT grid_w FROM {LineProtocol.SiteMeasurement}");
        Assert.Equal(Enumerable.Range(15, 10).Select(i => 1000.0 + i), site.Select(r => r["grid_w"].GetDouble()));
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Has("DroppedSamples"));
        Assert.Equal("15", warning.StructuredState!.Single(p => p.Key == "DroppedSamples").Value);
        Assert.Equal("10", warning.StructuredState!.Single(p => p.Key == "BufferSize").Value);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Publish_returns_at_once_while_the_server_takes_the_request_and_never_answers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var requested = new TaskCompletionSource();
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            var socket = await silent.AcceptSocketAsync();
            held.Add(socket);
            var buffer = new byte[4096];
            if (await socket.ReceiveAsync(buffer) > 0) requested.TrySetResult();
        });
        using var metrics = new TelemetryMetrics();
        using var sink = Sink(Options(new Uri($"http://127.0.0.1:{port}/")) with { WriteTimeout = TimeSpan.FromMinutes(10) }, metrics);
        await sink.StartAsync(CancellationToken.None);
        sink.Publish(Samples.At(0, "garage"));
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The writer now waits on a server that will not answer within the test: 10 000 control steps still publish at once.
        var publishing = Task.Run(() =>
        {
            var slowest = TimeSpan.Zero;
            for (var i = 1; i <= 10_000; i++)
            {
                var start = Stopwatch.GetTimestamp();
                sink.Publish(Samples.At(i, "garage"));
                var took = Stopwatch.GetElapsedTime(start);
                if (took > slowest) slowest = took;
            }
            return slowest;
        });
        var slowest = await publishing.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(slowest < TimeSpan.FromMilliseconds(100), $"the slowest Publish took {slowest.TotalMilliseconds} ms");
        Assert.Equal(0, sink.WrittenTotal);
        Assert.Equal(3600, sink.Waiting);
        Assert.Equal(10_000 - 3600, sink.DroppedTotal);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await sink.StopAsync(stop.Token);
        foreach (var socket in held) socket.Dispose();
    }
}
