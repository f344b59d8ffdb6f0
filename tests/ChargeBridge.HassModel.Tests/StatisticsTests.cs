using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeBridge.HassModel.Fake;
using ChargeBridge.Tests;

namespace ChargeBridge.HassModel.Tests;

public sealed class StatisticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 8, 22, 0, 0, TimeSpan.Zero);

    private static JsonObject Fixture(string name) =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(RepoPaths.FixtureFile("home-assistant", name)))!;

    private static StatisticsQuery Query(params string[] ids) => new(ids, Start, Start.AddHours(3), HaStatisticsPeriod.Hour);

    [Fact]
    public void The_command_has_the_fields_of_the_recorder_api()
    {
        var expected = Fixture("statistics_during_period_cmd.json");
        expected.Remove("id");
        expected.Remove("type");
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Query("sensor.house_power", "sensor.pv_energy_total").WriteTo(w);
            w.WriteEndObject();
        }

        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()))), Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public void The_reply_gives_rows_per_statistic_and_energy_changes_become_mean_watts()
    {
        var result = JsonSerializer.SerializeToElement(Fixture("statistics_during_period_result.json")["result"]);

        var rows = StatisticsRow.ParseResult(result);

        var house = MeanPower.FromRows(rows["sensor.house_power"], energy: false);
        Assert.Equal([412.5, 380.25], house.Select(p => p.Watts));
        Assert.Equal(Start, house[0].Start);
        Assert.Equal(Start.AddHours(1), house[0].End);
        var pv = MeanPower.FromRows(rows["sensor.pv_energy_total"], energy: true);
        Assert.Equal([0, 125, 1750], pv.Select(p => p.Watts));
    }

    [Fact]
    public void Without_change_the_steps_of_the_sum_give_the_energy_and_bad_rows_are_gaps()
    {
        var rows = StatisticsRow.ParseResult(JsonDocument.Parse("""
            {"sensor.grid_import": [
              {"start": "2026-06-08T22:00:00+00:00", "end": "2026-06-08T22:05:00+00:00", "sum": 1000.0},
              {"start": "2026-06-08T22:05:00+00:00", "end": "2026-06-08T22:10:00+00:00", "sum": 1000.05},
              {"start": "2026-06-08T22:15:00+00:00", "end": "2026-06-08T22:20:00+00:00", "sum": 1000.3},
              {"start": "2026-06-08T22:20:00+00:00", "end": "2026-06-08T22:25:00+00:00", "sum": 2.0},
              {"start": "soon", "end": 1780957500000, "sum": 3},
              {"start": 1780957500000, "end": 1780957200000, "change": 1}
            ]}
            """).RootElement)["sensor.grid_import"];

        var powers = MeanPower.FromRows(rows, energy: true);

        // 0.05 kWh in 5 minutes is 600 W; the row after a missing one and the counter's reset give nothing.
        var only = Assert.Single(powers);
        Assert.Equal(Start.AddMinutes(5), only.Start);
        Assert.Equal(600, only.Watts, 6);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void A_result_that_is_not_a_map_of_lists_is_a_protocol_error()
    {
        Assert.Throws<HaProtocolException>(() => StatisticsRow.ParseResult(JsonDocument.Parse("\"unexpected\"").RootElement));
        Assert.Throws<HaProtocolException>(() => StatisticsRow.ParseResult(JsonDocument.Parse("""{"sensor.x": 5}""").RootElement));
    }

    [Fact]
    public async Task The_fake_answers_from_seeded_rows_through_the_client()
    {
        var fake = await HomeAssistantFake.StartAsync();
        fake.SeedStatistics("sensor.house_power", HaStatisticsPeriod.Hour,
            Enumerable.Range(-2, 8).Select(h => new StatisticsRow(Start.AddHours(h), Start.AddHours(h + 1)) { Mean = 100 * h, Max = 5000 }));
        fake.SeedStatistics("sensor.house_power", HaStatisticsPeriod.FiveMinute, [new StatisticsRow(Start, Start.AddMinutes(5)) { Mean = 7 }]);
        await using var ha = await ConnectedClient.StartAsync(fake);

        var rows = await ha.Client.StatisticsDuringPeriodAsync(Query("sensor.house_power", "sensor.unknown") with { Types = ["mean"] });

        Assert.Equal(["sensor.house_power"], rows.Keys);
        var house = rows["sensor.house_power"];
        Assert.Equal([0.0, 100, 200], house.Select(r => r.Mean!.Value));
        Assert.All(house, r => Assert.Null(r.Max));
    }

    [Fact]
    public async Task A_bad_query_is_refused_before_sending_and_a_refusal_or_odd_answer_throws()
    {
        var fake = await HomeAssistantFake.StartAsync();
        await using var ha = await ConnectedClient.StartAsync(fake);

        await Assert.ThrowsAsync<ArgumentException>(() => ha.Client.StatisticsDuringPeriodAsync(Query()));
        await Assert.ThrowsAsync<ArgumentException>(() => ha.Client.StatisticsDuringPeriodAsync(Query("sensor.a") with { Types = ["average"] }));
        await Assert.ThrowsAsync<ArgumentException>(() => ha.Client.StatisticsDuringPeriodAsync(new StatisticsQuery(["sensor.a"], Start, Start, HaStatisticsPeriod.Hour)));

        fake.InjectFault("recorder/statistics_during_period", FakeFault.Refuse, times: 1);
        await Assert.ThrowsAsync<HaCommandException>(() => ha.Client.StatisticsDuringPeriodAsync(Query("sensor.a")));
        fake.InjectFault("recorder/statistics_during_period", FakeFault.UnexpectedShape, times: 1);
        await Assert.ThrowsAsync<HaProtocolException>(() => ha.Client.StatisticsDuringPeriodAsync(Query("sensor.a")));
        Assert.Empty(await ha.Client.StatisticsDuringPeriodAsync(Query("sensor.a")));
    }
}
