using System.Net;
using System.Net.Sockets;
using System.Text;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Telemetry.Tests;

/// <summary>What goes on the wire for InfluxDB 2.x and 1.x with credentials, read by a loopback server that answers as
/// the test says; the secret stays out of every log line, and a refused batch is dropped without stopping the writer.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class InfluxRequestTests
{
    /// <summary>Takes one request, keeps its head and answers with <paramref name="status"/>.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string status)
    {
        using var socket = await listener.AcceptSocketAsync();
        var head = new StringBuilder();
        var buffer = new byte[65536];
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0) break;
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await socket.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return head.ToString();
    }

    [Fact]
    public async Task InfluxDB_2_gets_org_bucket_and_the_token_in_the_header_only()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var logger = new FakeLogger<InfluxSink>();
        using var metrics = new TelemetryMetrics();
        using var sink = new InfluxSink(new TelemetryOptions
        {
            InfluxUrl = url, Org = "home org", Bucket = "ev", Token = "s3cret-t0ken", Flush = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        }, new HttpClient(), metrics, TimeProvider.System, logger);
        await sink.StartAsync(CancellationToken.None);
        sink.Publish(Samples.At(0, "garage"));

        var refused = await AnswerOnceAsync(listener, "401 Unauthorized").WaitAsync(TimeSpan.FromSeconds(10));
        var taken = await AnswerOnceAsync(listener, "204 No Content").WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => sink.WrittenTotal == 2, "the retried batch taken");

        Assert.StartsWith("POST /api/v2/write?org=home%20org&bucket=ev&precision=ms HTTP/1.1", taken);
        Assert.Contains("Authorization: Token s3cret-t0ken", taken);
        Assert.Equal(refused.Split("\r\n")[0], taken.Split("\r\n")[0]);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Has("InfluxAddress") && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.DoesNotContain("s3cret-t0ken", logger.Collector.AllText());
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task InfluxDB_1_gets_the_database_and_basic_authentication()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/influx/");
        var logger = new FakeLogger<InfluxSink>();
        using var metrics = new TelemetryMetrics();
        using var sink = new InfluxSink(new TelemetryOptions
        {
            InfluxUrl = url, Database = "home", Username = "cb", Password = "pa55word", Flush = TimeSpan.FromMilliseconds(20),
        }, new HttpClient(), metrics, TimeProvider.System, logger);
        await sink.StartAsync(CancellationToken.None);
        sink.Publish(Samples.At(0, "garage"));

        var head = await AnswerOnceAsync(listener, "204 No Content").WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => sink.WrittenTotal == 2, "the batch taken");

        Assert.StartsWith("POST /influx/write?db=home&precision=ms HTTP/1.1", head);
        Assert.Contains($"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("cb:pa55word"))}", head);
        Assert.DoesNotContain("pa55word", logger.Collector.AllText());
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_batch_refused_with_400_is_dropped_counted_and_logged_and_the_next_one_is_written()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var logger = new FakeLogger<InfluxSink>();
        using var metrics = new TelemetryMetrics();
        using var sink = new InfluxSink(new TelemetryOptions { InfluxUrl = url, Database = "home", Flush = TimeSpan.FromMilliseconds(20) },
            new HttpClient(), metrics, TimeProvider.System, logger);
        await sink.StartAsync(CancellationToken.None);

        sink.Publish(Samples.At(0, "garage"));
        await AnswerOnceAsync(listener, "400 Bad Request").WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => sink.DroppedTotal == 1, "the refused sample counted");
        sink.Publish(Samples.At(1, "garage"));
        await AnswerOnceAsync(listener, "204 No Content").WaitAsync(TimeSpan.FromSeconds(10));
        await Wait.Until(() => sink.WrittenTotal == 2, "the next sample written");

        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Has("Samples"));
        await sink.StopAsync(CancellationToken.None);
    }
}
