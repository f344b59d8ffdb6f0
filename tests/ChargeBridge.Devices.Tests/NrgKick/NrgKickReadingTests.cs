using System.Text.Json;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Devices.NrgKick;

namespace ChargeBridge.Devices.Tests.NrgKick;

public sealed class NrgKickReadingTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static NrgKickReading Read(string settings, string measurements)
    {
        using var s = JsonDocument.Parse(settings);
        using var m = JsonDocument.Parse(measurements);
        return NrgKickReading.Parse(s.RootElement, m.RootElement);
    }

    private static string Settings(string connected = "true", string charging = "true", string current = "16", string codes = "[0]") =>
        "{\"Info\":{\"Connected\":" + connected + ",\"ErrorCodes\":" + codes + "},\"Values\":{\"ChargingStatus\":{\"Charging\":" + charging +
        "},\"ChargingCurrent\":{\"Value\":" + current + ",\"Min\":6,\"Max\":16}}}";

    private static string Measurements(string power = "11.04", string volts = "[231,229,230]") =>
        "{\"Timestamp\":1736942400,\"ChargingPower\":" + power + ",\"TemperatureMainUnit\":28.5,\"VoltagePhase\":" + volts + "}";

    [Fact]
    public void Charging_with_power_is_charging_in_watts_on_the_live_phases()
    {
        var reading = Read(Settings(), Measurements());
        var status = reading.ToStatus(At, carFull: false);
        Assert.Equal(ChargerState.Charging, status.State);
        Assert.Equal(11040, status.ActualPower.Watts, 6);
        Assert.True(status.CarConnected);
        Assert.Equal(3, reading.Phases);
        Assert.Equal(28.5, reading.TemperatureC);
        Assert.Equal("charging at 16 A", status.DeviceStateText);
    }

    [Fact]
    public void Numbers_and_booleans_given_as_text_are_read()
    {
        var reading = Read(Settings("\"true\"", "\"true\"", "\"10\"", "[\"0\"]"), Measurements("\"6.9\"", "[\"230\",\"230\",\"230\"]"));
        Assert.Equal(10, reading.CurrentA);
        Assert.Equal(6900, reading.Power.Watts, 6);
        Assert.Equal(ChargerState.Charging, reading.ToStatus(At, false).State);
    }

    [Fact]
    public void Enabled_without_power_waits_unless_the_car_is_known_full()
    {
        var reading = Read(Settings(), Measurements("0"));
        Assert.Equal(ChargerState.Waiting, reading.ToStatus(At, carFull: false).State);
        var full = reading.ToStatus(At, carFull: true);
        Assert.Equal(ChargerState.Paused, full.State);
        Assert.StartsWith("car full", full.DeviceStateText);
    }

    [Fact]
    public void Charging_disabled_is_paused()
    {
        var status = Read(Settings(charging: "false"), Measurements("0")).ToStatus(At, false);
        Assert.Equal(ChargerState.Paused, status.State);
        Assert.True(status.CarConnected);
    }

    [Fact]
    public void An_error_code_is_a_fault_naming_it()
    {
        var status = Read(Settings(codes: "[0, 41]"), Measurements("0")).ToStatus(At, false);
        Assert.Equal(ChargerState.Faulted, status.State);
        Assert.Equal(41, status.DeviceStateCode);
        Assert.Contains("error code 41", status.FaultReason);
        Assert.Null(status.CarConnected);
    }

    [Fact]
    public void Not_connected_is_no_car_and_draws_nothing()
    {
        var status = Read(Settings(connected: "false"), Measurements("3.2")).ToStatus(At, false);
        Assert.Equal(ChargerState.NoCar, status.State);
        Assert.False(status.CarConnected);
        Assert.Equal(0, status.ActualPower.Watts);
    }

    [Fact]
    public void No_content_found_is_no_car()
    {
        const string noContent = """{"Message":"No content found for this request"}""";
        var reading = Read(Settings(), noContent);
        Assert.Same(NrgKickReading.Disconnected, reading);
        var status = reading.ToStatus(At, false);
        Assert.Equal(ChargerState.NoCar, status.State);
        Assert.True(status.Reachable);
    }

    [Fact]
    public void A_missing_field_names_its_path()
    {
        var e = Assert.Throws<NrgKickException>(() => Read("""{"Info":{"Connected":true,"ErrorCodes":[0]},"Values":{}}""", Measurements()));
        Assert.Contains("Values.ChargingStatus.Charging", e.Message);
        e = Assert.Throws<NrgKickException>(() => Read(Settings(), Measurements(power: "\"lots\"")));
        Assert.Contains("ChargingPower", e.Message);
    }

    [Theory]
    [InlineData(new[] { 230.0, 231, 229 }, 3)]
    [InlineData(new[] { 230.0, 0, 0 }, 1)]
    [InlineData(new[] { 228.0, 232, 2 }, 2)]
    [InlineData(new[] { 0.0, 0, 0 }, null)]
    [InlineData(new[] { 120.0, 0, 0 }, null)]
    [InlineData(new double[0], null)]
    public void Phases_are_the_live_phase_voltages(double[] volts, int? phases) =>
        Assert.Equal(phases, NrgKickPhases.FromVoltages(volts));
}
