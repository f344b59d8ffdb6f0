using System.Net;
using System.Text;
using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChargeBridge.Apps.Tests.V2G;

public class FlexMeasuresPriceSourceTests
{
    private const int PriceSensor = 5;
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Prices_come_from_the_sensor_data_with_gaps_are_kept_while_the_server_fails_and_count_as_new_only_when_they_change()
    {
        var clock = new VirtualClock(Start.AddMinutes(7));
        await using var server = await FakeFlexMeasuresServer.StartAsync(clock);
        server.Seed(PriceSensor, Start, TimeSpan.FromMinutes(15), [0.20, 0.21, 0.22, null, 0.24, 0.25]);
        using var primary = new SocketsHttpHandler();
        var (client, http) = FlexMeasuresClient.Create(primary, server.BaseAddress, TimeSpan.FromSeconds(100),
            new FlexMeasuresCredentials(server.Behaviour.Email, server.Behaviour.Password), clock);
        using var _ = http;
        var logs = new FakeLogCollector();
        var source = new FlexMeasuresPriceSource(client, PriceSensor, new FakeLogger<FlexMeasuresPriceSourceTests>(logs));

        var first = await source.ReadAsync(clock.GetUtcNow(), CancellationToken.None);
        var prices = first.Data!.Prices;
        Assert.Equal(TimeSpan.FromMinutes(15), prices.Resolution);
        Assert.Equal(5, prices.Points.Count);
        Assert.Null(prices.ValueAt(Start.AddMinutes(50)));
        Assert.Equal(0.24, prices.ValueAt(Start.AddMinutes(65))!.Value.EurPerKwh, 9);
        Assert.Equal(clock.GetUtcNow(), first.Data.ReceivedAt);

        server.Behaviour.Down = true;
        clock.Advance(FlexMeasuresPriceSource.RefreshInterval);
        var whileDown = await source.ReadAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.Same(first.Data, whileDown.Data);
        Assert.Equal(LogLevel.Warning, Assert.Single(logs.GetSnapshot(), r => r.Has("Problem")).Level);

        server.Behaviour.Down = false;
        clock.Advance(FlexMeasuresPriceSource.RefreshInterval);
        Assert.Equal(first.Data.ReceivedAt, (await source.ReadAsync(clock.GetUtcNow(), CancellationToken.None)).Data!.ReceivedAt);

        server.Seed(PriceSensor, Start.AddHours(2), TimeSpan.FromMinutes(15), [0.10]);
        var soon = clock.GetUtcNow().AddMinutes(1);
        Assert.Equal(first.Data.ReceivedAt, (await source.ReadAsync(soon, CancellationToken.None)).Data!.ReceivedAt);
        clock.Advance(FlexMeasuresPriceSource.RefreshInterval);
        var changed = await source.ReadAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(clock.GetUtcNow(), changed.Data!.ReceivedAt);
        Assert.Equal(0.10, changed.Data.Prices.ValueAt(Start.AddHours(2))!.Value.EurPerKwh, 9);
    }

    [Fact]
    public async Task With_the_server_down_from_the_start_there_are_no_prices_and_the_reason_says_why()
    {
        var clock = new VirtualClock(Start);
        await using var server = await FakeFlexMeasuresServer.StartAsync(clock, new FakeFlexMeasuresBehaviour { Down = true });
        using var primary = new SocketsHttpHandler();
        var (client, http) = FlexMeasuresClient.Create(primary, server.BaseAddress, TimeSpan.FromSeconds(100), new FlexMeasuresCredentials("a@b.c", "secret-pw"), clock);
        using var _ = http;
        var source = new FlexMeasuresPriceSource(client, PriceSensor,
            new FakeLogger<FlexMeasuresPriceSourceTests>());

        var read = await source.ReadAsync(Start, CancellationToken.None);

        Assert.Null(read.Data);
        Assert.StartsWith("FlexMeasures prices not read", read.Problem);
        Assert.DoesNotContain("secret-pw", read.Problem);
    }

    [Fact]
    public async Task The_hourly_answer_of_a_real_server_with_a_null_value_gives_hourly_prices_with_a_gap()
    {
        var answer = File.ReadAllText(RepoPaths.SharedFile("fixtures", "flexmeasures", "flexmeasures-server-examples", "get_sensor_data_response_200.json"));
        using var answers = new Answers(answer);
        var clock = new VirtualClock(new DateTimeOffset(2024, 11, 20, 23, 10, 0, TimeSpan.Zero));
        var (client, http) = FlexMeasuresClient.Create(answers, new Uri("http://flexmeasures.invalid/"), TimeSpan.FromSeconds(100), new FlexMeasuresCredentials("a@b.c", "pw"), clock);
        using var _ = http;
        var source = new FlexMeasuresPriceSource(client, PriceSensor,
            new FakeLogger<FlexMeasuresPriceSourceTests>());

        var prices = (await source.ReadAsync(clock.GetUtcNow(), CancellationToken.None)).Data!.Prices;

        Assert.Equal(TimeSpan.FromHours(1), prices.Resolution);
        Assert.Equal([0.21, 0.19, 0.31], prices.Points.Select(p => p.Value.EurPerKwh));
        Assert.Null(prices.ValueAt(DateTimeOffset.Parse("2024-11-21T02:30:00+01:00")));
        Assert.Equal(0.31, prices.ValueAt(DateTimeOffset.Parse("2024-11-21T03:30:00+01:00"))!.Value.EurPerKwh);
    }

    /// <summary>A server that logs anyone in and answers every data request with <paramref name="data"/>.</summary>
    private sealed class Answers(string data) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(request.RequestUri!.AbsolutePath.EndsWith("requestAuthToken") ? """{"auth_token":"t"}""" : data,
                    Encoding.UTF8, "application/json"),
            });
    }
}
