using System.Globalization;
using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Registry;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.SunSpec;

/// <summary>The sunspec type against a SunSpec map served by pymodbus (Debian python3-pymodbus), laid out by a script
/// that encodes the points itself, as a SolarEdge inverter with a meter behind it lays them out.</summary>
public sealed class SunSpecPymodbusPeerTests
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "ChargeBridge.Devices.Tests", "SunSpec", "peers", "sunspec_server.py");

    private static readonly object Device = new
    {
        @base = 40000,
        unit = 3,
        common = new { manufacturer = "SolarEdge", model = "SE8K-RW0TEBNN4", version = "0004.0019.0036", serial = "7E1234AB" },
        meter_common = new { manufacturer = "WattNode", model = "WND-3Y-400-MB", version = "31", serial = "4136367" },
        inverter = new { w = 5432, v = new[] { 231.2, 230.8, 232.0 }, a = new[] { 7.85, 7.9, 7.81 }, hz = 50.01, wh = 9_876_500,
            w_sf = 0, v_sf = -1, a_sf = -2, hz_sf = -2, wh_sf = 2 },
        meter = new { w = new[] { -1210, -980, 40 }, v = new[] { 231.0, 230.5, 231.9 }, a = new[] { 5.3, 4.3, 0.4 }, hz = 50.0,
            wh_imp = 4_321_000, wh_exp = 7_654_000, w_sf = 1, v_sf = -1, a_sf = -1, hz_sf = -2, wh_sf = 1 },
    };

    private static async Task<(PeerProcess Peer, int Port)> StartPeerAsync()
    {
        var (peer, port) = await PeerProcess.StartAsync("/usr/bin/python3", "Debian package python3-pymodbus", Script, JsonSerializer.Serialize(Device));
        return (peer, int.Parse(port, CultureInfo.InvariantCulture));
    }

    private static async Task<(MeterReading Reading, IReadOnlyDictionary<string, object?> Details)> ReadAsync(int port, string model)
    {
        var spec = DeviceSpec.From(new Dictionary<string, string>
        {
            ["Type"] = "sunspec", ["Host"] = "127.0.0.1", ["Port"] = port.ToString(CultureInfo.InvariantCulture), ["UnitId"] = "3", ["Model"] = model,
        });
        var build = DeviceRegistry.Default.Meter(spec, new DeviceContext(TimeProvider.System));
        Assert.Empty(build.Problems);
        var meter = build.Device!;
        try
        {
            return (await meter.RefreshAsync(), ((IDescribedDevice)meter).Details);
        }
        finally
        {
            await ((IAsyncDisposable)meter).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_inverter_model_of_a_pymodbus_map_reads_as_negative_production()
    {
        var (peer, port) = await StartPeerAsync();
        using var _ = peer;
        var (reading, details) = await ReadAsync(port, "inverter");

        Assert.Null(reading.Problem);
        Assert.Equal(-5432, reading.Power!.Value.Watts);
        Assert.Equal(231.2, reading.Voltage!.Value, 6);
        Assert.Equal(50.01, reading.Frequency!.Value, 6);
        Assert.Equal(9_876_500, reading.Exported!.Value.WattHours, 6);
        Assert.Equal("SolarEdge", details["manufacturer"]);
        Assert.Equal("SE8K-RW0TEBNN4", details["model"]);
        Assert.Equal("7E1234AB", details["serial"]);
    }

    [Fact]
    public async Task Model_auto_reads_the_meter_behind_the_inverter_with_its_own_common_model()
    {
        var (peer, port) = await StartPeerAsync();
        using var _ = peer;
        var (reading, details) = await ReadAsync(port, "auto");

        Assert.Null(reading.Problem);
        Assert.Equal(-2150, reading.Power!.Value.Watts);
        Assert.Equal([-1210, -980, 40], reading.Phases.Select(p => p.Power.Watts));
        Assert.Equal([231.0, 230.5, 231.9], reading.Phases.Select(p => Math.Round(p.Voltage!.Value, 6)));
        Assert.Equal([5.3, 4.3, 0.4], reading.Phases.Select(p => Math.Round(p.Current!.Value, 6)));
        Assert.Equal(50.0, reading.Frequency!.Value, 6);
        Assert.Equal(4_321_000, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(7_654_000, reading.Exported!.Value.WattHours, 6);
        Assert.Equal(203, details["sunspecModel"]);
        Assert.Equal("WattNode", details["manufacturer"]);
        Assert.Equal("4136367", details["serial"]);
    }
}
