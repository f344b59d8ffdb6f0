using System.Text.Json;
using ChargeBridge.Core.Meters;
using ChargeBridge.Devices.Shelly;
using ChargeBridge.Tests;

namespace ChargeBridge.Devices.Tests.Shelly;

/// <summary>The parsers against the real captures in ../shared/data/shelly (see SOURCES.md section 5), value by value.</summary>
public sealed class ShellyParserTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Covered =
    [
        "aioshelly_gen2_Shelly_Pro_3EM_SPEM-003CEBEU_fw1.1.0.json",
        "shelly_em_gen1_emeter_0.DERIVED.json",
        "shelly_em_gen1_status.json",
        "shelly_pro_3em_EM.GetStatus.EXTRACTED.json",
        "shelly_pro_3em_EMData.GetStatus.EXTRACTED.json",
        "shelly_pro_3em_shelly_deviceinfo_evcc.json",
        "shelly_pro_em_EM1.GetStatus.json",
        "shelly_pro_em_EM1Data.GetStatus.json",
    ];

    private static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedFile("data", "shelly", file))).RootElement;

    [Fact]
    public void Every_shared_shelly_file_is_read_by_a_test_here()
    {
        var folder = Path.GetDirectoryName(RepoPaths.SharedFile("data", "shelly", Covered[0]))!;
        Assert.Equal(Covered, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Gen1_em_status_channel_0_is_exporting_with_its_counters_in_wh()
    {
        var reading = ShellyGen1Meter.Parse(Load("shelly_em_gen1_status.json"), 0, At);
        Assert.Equal(-620.34, reading.Power!.Value.Watts);
        Assert.Equal(235.68, reading.Voltage);
        Assert.Equal(401472.9, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(653673.7, reading.Exported!.Value.WattHours, 6);
        Assert.Equal(At, reading.At);
        Assert.Null(reading.Problem);
        var phase = Assert.Single(reading.Phases);
        Assert.Equal(-620.34, phase.Power.Watts);
        Assert.Null(phase.Current); // the EM reports no current
    }

    [Fact]
    public void Gen1_em_status_channel_1_is_idle()
    {
        var reading = ShellyGen1Meter.Parse(Load("shelly_em_gen1_status.json"), 1, At);
        Assert.Equal(0.0, reading.Power!.Value.Watts);
        Assert.Equal(173411.3, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(294.2, reading.Exported!.Value.WattHours, 6);
    }

    [Fact]
    public void Gen1_em_status_with_every_channel_sums_power_and_counters()
    {
        var reading = ShellyGen1Meter.Parse(Load("shelly_em_gen1_status.json"), null, At);
        Assert.Equal(-620.34, reading.Power!.Value.Watts, 6);
        Assert.Equal(401472.9 + 173411.3, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(653673.7 + 294.2, reading.Exported!.Value.WattHours, 6);
        Assert.Equal([-620.34, 0.0], reading.Phases.Select(p => p.Power.Watts));
    }

    [Fact]
    public void Gen1_emeter_object_reads_the_same_as_in_the_status()
    {
        var emeter = File.ReadAllText(RepoPaths.SharedFile("data", "shelly", "shelly_em_gen1_emeter_0.DERIVED.json"));
        var reading = ShellyGen1Meter.Parse(JsonDocument.Parse($"{{\"emeters\":[{emeter}]}}").RootElement, 0, At);
        Assert.Equal(-620.34, reading.Power!.Value.Watts);
        Assert.Equal(235.68, reading.Voltage);
        Assert.Equal(401472.9, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(653673.7, reading.Exported!.Value.WattHours, 6);
    }

    [Fact]
    public void Gen1_channel_the_device_lacks_is_named()
    {
        var e = Assert.Throws<ShellyReadException>(() => ShellyGen1Meter.Parse(Load("shelly_em_gen1_status.json"), 2, At));
        Assert.Contains("no emeter 2", e.Message);
    }

    [Fact]
    public void Pro3em_status_and_data_give_total_phases_and_counters()
    {
        var reading = ShellyPro3EmMeter.Parse(Load("shelly_pro_3em_EM.GetStatus.EXTRACTED.json"), Load("shelly_pro_3em_EMData.GetStatus.EXTRACTED.json"), At);
        AssertAiosShellyPro3Em(reading);
    }

    [Fact]
    public void Pro3em_device_dump_holds_the_same_em_and_emdata_payloads()
    {
        var dump = Load("aioshelly_gen2_Shelly_Pro_3EM_SPEM-003CEBEU_fw1.1.0.json");
        var status = dump.GetProperty("status");
        AssertAiosShellyPro3Em(ShellyPro3EmMeter.Parse(status.GetProperty("em:0"), status.GetProperty("emdata:0"), At));
        var details = ShellyHttp.DetailsFrom(dump.GetProperty("shelly"));
        Assert.Equal("SPEM-003CEBEU", details["model"]);
        Assert.Equal("Pro3EM", details["app"]);
        Assert.Equal("20231219-134001/1.1.0-g34b5d4f", details["firmware"]);
        Assert.Equal("AABBCCDDEEFF", details["mac"]);
        Assert.Equal("2", details["generation"]);
    }

    [Fact]
    public void Pro3em_without_energy_data_still_reads_power()
    {
        var reading = ShellyPro3EmMeter.Parse(Load("shelly_pro_3em_EM.GetStatus.EXTRACTED.json"), null, At);
        Assert.Equal(558.965, reading.Power!.Value.Watts);
        Assert.Null(reading.Imported);
        Assert.Null(reading.Exported);
    }

    [Fact]
    public void Pro_em_channel_reads_export_and_counters()
    {
        var reading = ShellyProEmMeter.Parse(Load("shelly_pro_em_EM1.GetStatus.json"), Load("shelly_pro_em_EM1Data.GetStatus.json"), At);
        Assert.Equal(-332.2, reading.Power!.Value.Watts);
        Assert.Equal(226.9, reading.Voltage);
        Assert.Equal(50.0, reading.Frequency);
        Assert.Equal(1.473, Assert.Single(reading.Phases).Current);
        Assert.Equal(1264.15, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(144792.28, reading.Exported!.Value.WattHours, 6);
    }

    [Fact]
    public void Pro3em_device_info_gives_model_firmware_and_mac()
    {
        var details = ShellyHttp.DetailsFrom(Load("shelly_pro_3em_shelly_deviceinfo_evcc.json"));
        Assert.Equal("SPEM-003CEBEU", details["model"]);
        Assert.Equal("20241011-114455/1.4.4-g6d2a586", details["firmware"]);
        Assert.Equal("FCE8C0DBA900", details["mac"]);
        Assert.Equal("2", details["generation"]);
    }

    [Fact]
    public void An_answer_of_another_model_names_the_missing_field()
    {
        var e = Assert.Throws<ShellyReadException>(() => ShellyPro3EmMeter.Parse(Load("shelly_pro_em_EM1.GetStatus.json"), null, At));
        Assert.Contains("'total_act_power'", e.Message);
        e = Assert.Throws<ShellyReadException>(() => ShellyGen1Meter.Parse(Load("shelly_pro_em_EM1.GetStatus.json"), 0, At));
        Assert.Contains("'emeters'", e.Message);
    }

    private static void AssertAiosShellyPro3Em(MeterReading reading)
    {
        Assert.Equal(558.965, reading.Power!.Value.Watts);
        Assert.Equal([375.5, 170.8, 12.7], reading.Phases.Select(p => p.Power.Watts));
        Assert.Equal([229.0, 229.0, 229.2], reading.Phases.Select(p => p.Voltage));
        Assert.Equal([2.392, 1.037, 0.428], reading.Phases.Select(p => p.Current));
        Assert.Equal(229.0, reading.Voltage);
        Assert.Equal(50.0, reading.Frequency);
        Assert.Equal(2589773.39, reading.Imported!.Value.WattHours, 6);
        Assert.Equal(1026.61, reading.Exported!.Value.WattHours, 6);
    }
}
