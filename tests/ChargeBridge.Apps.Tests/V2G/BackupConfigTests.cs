using ChargeBridge.Apps.V2G;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Apps.Tests.V2G;

/// <summary>The Backup and FrequencyResponse keys: bad values are named with their fix, good ones become Core's settings.</summary>
public class BackupConfigTests
{
    private static V2GConfig Site(BackupConfig? backup = null, FrequencyConfig? frequency = null) => new()
    {
        ChargerHost = "192.168.1.20",
        Backup = backup ?? new(),
        FrequencyResponse = frequency ?? new(),
    };

    [Fact]
    public void Off_by_default_with_no_problems()
    {
        var config = Site();

        Assert.Empty(config.Validate());
        Assert.False(config.Backup.Enabled);
        Assert.False(config.FrequencyResponse.Enabled);
    }

    [Fact]
    public void Bad_backup_values_are_named_under_their_keys()
    {
        var problems = Site(new BackupConfig
        {
            Source = "Generator", ReserveSoc = 120, DownSeconds = 0, HoldMinutes = double.NaN, LoadWindowMinutes = 0, Loads = ["heat pump"],
        }).Validate().ToList();

        Assert.Contains(problems, p => p.Key == "Backup:Source" && p.Fix.Contains("'Generator'"));
        Assert.Contains(problems, p => p.Key == "Backup:ReserveSoc");
        Assert.Contains(problems, p => p.Key == "Backup:DownSeconds");
        Assert.Contains(problems, p => p.Key == "Backup:HoldMinutes");
        Assert.Contains(problems, p => p.Key == "Backup:LoadWindowMinutes");
        Assert.Contains(problems, p => p.Key == "Backup:Loads" && p.Fix.Contains("'heat pump'"));
    }

    [Fact]
    public void A_binary_sensor_source_needs_its_entity_and_a_meter_source_without_one_needs_a_grid_meter()
    {
        Assert.Contains(Site(new BackupConfig { Source = "BinarySensor" }).Validate(), p => p.Key == "Backup:Entity");
        Assert.Contains(Site(new BackupConfig { Source = "Voltage" }).Validate(), p => p.Key == "Backup:Entity" && p.Fix.Contains("grid meter"));
        Assert.Contains(Site(frequency: new FrequencyConfig { Enabled = true }).Validate(), p => p.Key == "FrequencyResponse:Entity");

        var withMeter = Site(new BackupConfig { Source = "frequency" }, new FrequencyConfig { Enabled = true });
        withMeter.Grid.Meter = new() { ["Type"] = "shelly-pro3em", ["Host"] = "192.168.1.30" };
        Assert.Empty(withMeter.Validate());
        Assert.Equal(GridStatusSource.Frequency, withMeter.Backup.Kind);
    }

    [Fact]
    public void Bad_frequency_values_are_named_under_their_keys()
    {
        var problems = Site(frequency: new FrequencyConfig
        {
            Enabled = true, Entity = "sensor.grid_frequency", UnderHz = 50.5, OverHz = 49, TriggerSeconds = -1, DischargeW = -5, MaxDurationMinutes = 0,
            MinSoc = 101, MinGapMinutes = -1, MaxEventsPerDay = 0, MaxKwhPerDay = 0,
        }).Validate().Select(p => p.Key).ToList();

        Assert.Equal(
            ["FrequencyResponse:UnderHz", "FrequencyResponse:OverHz", "FrequencyResponse:TriggerSeconds", "FrequencyResponse:DischargeW",
             "FrequencyResponse:MaxDurationMinutes", "FrequencyResponse:MinSoc", "FrequencyResponse:MinGapMinutes",
             "FrequencyResponse:MaxEventsPerDay", "FrequencyResponse:MaxKwhPerDay"],
            problems);
    }

    [Fact]
    public void The_keys_become_the_rules_settings()
    {
        var backup = new BackupConfig { Source = "BinarySensor", Entity = "binary_sensor.grid", ReserveSoc = 40, DownSeconds = 3, HoldMinutes = 10, LoadWindowMinutes = 30 }.Settings();
        var frequency = new FrequencyConfig { UnderHz = 49.9, TriggerSeconds = 4, DischargeW = 5000, MaxKwhPerDay = 2 }.Settings();

        Assert.Equal((new Percent(40), TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)),
            (backup.Reserve, backup.DownFor, backup.HoldFor, backup.LoadWindow));
        Assert.Equal((49.9, TimeSpan.FromSeconds(4), Power.FromWatts(5000), Energy.FromKilowattHours(2)),
            (frequency.UnderHz, frequency.TriggerAfter, frequency.DischargePower, frequency.MaxEnergyPerDay));
    }
}
