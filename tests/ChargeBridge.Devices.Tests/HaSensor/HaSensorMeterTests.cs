using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.HaSensor;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Devices.Tests.HaEntities;
using ChargeBridge.Tests;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Devices.Tests.HaSensor;

public sealed class HaSensorMeterTests
{
    private const string Grid = "sensor.electricity_meter_power";
    private const string Inverter = "sensor.solaredge_ac_power";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static DeviceSpec Spec(params (string Key, string Value)[] keys) =>
        DeviceSpec.From(new[] { ("Type", "ha-sensor") }.Concat(keys).ToDictionary(k => k.Item1, k => k.Item2));

    private IMeter Meter(InMemoryHa ha, params (string, string)[] keys)
    {
        var build = DeviceRegistry.Default.Meter(Spec(keys), new DeviceContext(_clock) { Ha = ha });
        Assert.Empty(build.Problems);
        return Assert.IsType<HaSensorMeter>(build.Device);
    }

    [Fact]
    public async Task A_kW_sensor_reads_in_watts_at_the_time_HA_updated_it()
    {
        var ha = new InMemoryHa(_clock);
        ha.Set(Grid, "1.234", new { unit_of_measurement = "kW" });
        _clock.Advance(TimeSpan.FromSeconds(4));

        var reading = await Meter(ha, ("Entity", Grid)).RefreshAsync();

        Assert.Equal(1234, reading.Power!.Value.Watts, 6);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(4), reading.At);
        Assert.Null(reading.Problem);
    }

    [Fact]
    public async Task Invert_turns_an_inverter_s_production_into_ChargeBridge_s_negative()
    {
        var ha = new InMemoryHa(_clock);
        ha.Set(Inverter, "3200", new { unit_of_measurement = "W" });
        Assert.Equal(-3200, (await Meter(ha, ("Entity", Inverter), ("Invert", "true")).RefreshAsync()).Power!.Value.Watts, 6);
        ha.Set(Inverter, "0", new { unit_of_measurement = "W" });
        Assert.Equal("0 W", (await Meter(ha, ("Entity", Inverter), ("Invert", "true")).RefreshAsync()).Power.ToString());
    }

    [Fact]
    public async Task A_configured_unit_wins_for_a_template_without_one()
    {
        var ha = new InMemoryHa(_clock);
        ha.Set("sensor.net_power", "-0.8");
        Assert.Equal(-800, (await Meter(ha, ("Entity", "sensor.net_power"), ("Unit", "kW")).RefreshAsync()).Power!.Value.Watts, 6);
    }

    [Fact]
    public async Task An_unavailable_sensor_keeps_the_last_value_with_its_time_until_it_is_stale()
    {
        var ha = new InMemoryHa(_clock);
        ha.Set(Grid, "500", new { unit_of_measurement = "W" });
        var meter = Meter(ha, ("Entity", Grid));
        var good = await meter.RefreshAsync();

        _clock.Advance(TimeSpan.FromSeconds(20));
        ha.Set(Grid, "unavailable");
        var failed = await meter.RefreshAsync();

        Assert.Equal(500, failed.Power!.Value.Watts, 6);
        Assert.Equal(good.At, failed.At);
        Assert.Equal(_clock.GetUtcNow(), failed.AttemptedAt);
        Assert.Contains("is unavailable", failed.Problem);
        Assert.Equal(MeterHealth.Degraded, failed.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(60)));
        _clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(MeterHealth.Stale, meter.Reading.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(60)));

        ha.Set(Grid, "not a number", new { unit_of_measurement = "W" });
        Assert.Contains("not a number", (await meter.RefreshAsync()).Problem);
    }

    [Fact]
    public async Task A_sensor_HA_stopped_updating_turns_stale_by_its_age()
    {
        var ha = new InMemoryHa(_clock);
        ha.Set(Grid, "500", new { unit_of_measurement = "W" });
        var meter = Meter(ha, ("Entity", Grid));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var reading = await meter.RefreshAsync();
        Assert.Null(reading.Problem);
        Assert.Equal(MeterHealth.Stale, reading.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_missing_entity_is_a_failed_reading_not_an_exception()
    {
        var reading = await Meter(new InMemoryHa(_clock), ("Entity", Grid)).RefreshAsync();
        Assert.Null(reading.Power);
        Assert.Contains("does not exist", reading.Problem);
        Assert.Equal(MeterHealth.Unknown, reading.HealthAt(_clock.GetUtcNow(), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Bad_keys_are_named_and_validation_needs_no_Home_Assistant()
    {
        var problems = DeviceRegistry.Default.Meter(Spec(("Entity", "switch.grid"), ("Unit", "MW"), ("Invert", "yes")), new DeviceContext(_clock)).Problems;
        Assert.Equal(["Entity", "Unit", "Invert"], problems.Select(p => p.Key));
        Assert.Equal("Entity", Assert.Single(DeviceRegistry.Default.Validate(Spec(), DeviceKind.Meter)).Key);
        Assert.Empty(DeviceRegistry.Default.Validate(Spec(("Entity", Grid), ("Unit", "kw")), DeviceKind.Meter));
        Assert.Empty(DeviceRegistry.Default.Meter(Spec(("Entity", Grid)), new DeviceContext(_clock) { Validating = true }).Problems);
        var withoutHa = Assert.Single(DeviceRegistry.Default.Meter(Spec(("Entity", Grid)), new DeviceContext(_clock)).Problems);
        Assert.StartsWith("ha-sensor needs Home Assistant", withoutHa.Fix);
    }

    [Fact]
    public async Task Through_the_HA_fake_W_kW_and_unavailable_are_read_as_HA_streams_them()
    {
        await using var ha = await HaFakeHarness.StartAsync(fake =>
        {
            fake.SetState(Grid, "0.42", new() { ["unit_of_measurement"] = "kW", ["device_class"] = "power" });
            fake.SetState(Inverter, "2500", new() { ["unit_of_measurement"] = "W", ["device_class"] = "power" });
        });
        var grid = DeviceRegistry.Default.Meter(Spec(("Entity", Grid)), ha.Context).Device!;
        var pv = DeviceRegistry.Default.Meter(Spec(("Entity", Inverter), ("Invert", "true")), ha.Context).Device!;

        Assert.Equal(420, (await grid.RefreshAsync()).Power!.Value.Watts, 6);
        Assert.Equal(-2500, (await pv.RefreshAsync()).Power!.Value.Watts, 6);
        Assert.Equal(ha.Clock.GetUtcNow(), grid.Reading.At);

        ha.Clock.Advance(TimeSpan.FromSeconds(30));
        ha.Fake.SetState(Grid, "unavailable");
        await ha.Shows(Grid, "unavailable");
        var failed = await grid.RefreshAsync();
        Assert.Equal(420, failed.Power!.Value.Watts, 6);
        Assert.Contains("is unavailable", failed.Problem);

        ha.Fake.SetState(Grid, "-1.5");
        await ha.Shows(Grid, "-1.5");
        var back = await grid.RefreshAsync();
        Assert.Equal(-1500, back.Power!.Value.Watts, 6);
        Assert.Equal(ha.Clock.GetUtcNow(), back.At);
    }
}
