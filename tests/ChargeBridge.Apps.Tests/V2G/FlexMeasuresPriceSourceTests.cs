using ChargeBridge.Apps.V2G.Prices;
using ChargeBridge.Core.Simulation;
using ChargeBridge.FlexMeasures.Client;
using ChargeBridge.FlexMeasures.Fake;
using ChargeBridge.Tests;

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
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var credentials = new FlexMeasuresCredentials(server.Behaviour.Email, server.Behaviour.Password);
        var logs = new CapturingLoggerProvider();
        var source = new FlexMeasuresPriceSource(new FlexMeasuresClient(http, credentials, clock), PriceSensor, logs.For<FlexMeasuresPriceSourceTests>());

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
        Assert.Contains("FlexMeasures prices not read", logs.AllText);

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
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var source = new FlexMeasuresPriceSource(new FlexMeasuresClient(http, new FlexMeasuresCredentials("a@b.c", "secret-pw"), clock), PriceSensor,
            new CapturingLoggerProvider().For<FlexMeasuresPriceSourceTests>());

        var read = await source.ReadAsync(Start, CancellationToken.None);

        Assert.Null(read.Data);
        Assert.StartsWith("FlexMeasures prices not read", read.Problem);
        Assert.DoesNotContain("secret-pw", read.Problem);
    }
}
