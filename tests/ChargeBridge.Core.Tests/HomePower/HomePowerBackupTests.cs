using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>Backup and frequency response in <see cref="HomePowerControl"/>: what leads, and the backup reserve as the floor.</summary>
public class HomePowerBackupTests
{
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(5);
    private static readonly ChargeSettings WithReserve = BackupReserve.Apply(new ChargeSettings(), new Percent(30));

    /// <summary>A rig whose island load is <paramref name="houseWatts"/>, read now, and whose car delivers what it was asked.</summary>
    private static HomePowerStep IslandStep(HomePowerRig rig, double houseWatts, bool fresh = true)
    {
        var now = rig.Clock.GetUtcNow();
        rig.Input = rig.Input with
        {
            Backup = true,
            ChargerPower = rig.Input.InForce,
            HouseLoad = fresh ? MeterReading.Read(now, Power.FromWatts(houseWatts)) : MeterReading.Read(now - TimeSpan.FromMinutes(1), Power.FromWatts(houseWatts)),
        };
        // The grid meter reads nothing in an island: whatever it says must not matter.
        var step = rig.StepOn(MeterReading.Read(now, Power.FromWatts(5000)));
        rig.Clock.Advance(Pace);
        return step;
    }

    [Theory]
    [InlineData(ChargeMode.Automatic)]
    [InlineData(ChargeMode.SolarOnly)]
    [InlineData(ChargeMode.ChargeFromExport)]
    [InlineData(ChargeMode.PowerTheHouse)]
    public void In_Backup_the_car_follows_the_house_load_whatever_the_mode(ChargeMode mode)
    {
        var rig = new HomePowerRig(mode) { Input = new HomePowerRig(mode).Input with { Settings = WithReserve } };

        var steps = Enumerable.Range(0, 6).Select(_ => IslandStep(rig, 2000)).ToList();

        Assert.All(steps, s => Assert.Equal(HomePowerState.Backup, s.State));
        // Towards the house's 2 kW plus the −50 W grid target, within one dead band.
        Assert.InRange(-steps[^1].SetPoint!.Value.Watts, 2050 - 250, 2050 + 250);
    }

    [Fact]
    public void In_Backup_a_load_below_the_discharge_thresholds_is_covered_at_the_charger_minimum()
    {
        var backup = new HomePowerRig(ChargeMode.PowerTheHouse);
        backup.Input = backup.Input with { Settings = WithReserve };
        var normal = new HomePowerRig(ChargeMode.PowerTheHouse);
        normal.Input = normal.Input with { Settings = WithReserve };

        // 400 W is below V2H's start threshold (45 % of the 1380 W minimum): with the grid there the house imports it.
        var island = IslandStep(backup, 400);
        var gridUp = normal.Step(-400);

        Assert.Equal(Power.FromWatts(-6 * 230), island.SetPoint);
        Assert.Equal(Power.Zero, gridUp.SetPoint);
        Assert.Equal(LoadFollowingReason.BelowChargerMinimum, gridUp.FollowingReason);
    }

    [Fact]
    public void In_Backup_the_car_stops_at_the_reserve_not_at_min_SoC()
    {
        var rig = new HomePowerRig(ChargeMode.Automatic);
        rig.Input = rig.Input with { Settings = WithReserve, Soc = new Percent(40) };
        IslandStep(rig, 1500);
        var above = IslandStep(rig, 1500);

        rig.Input = rig.Input with { Soc = new Percent(32) };
        var atReserve = IslandStep(rig, 1500);

        Assert.True(above.SetPoint!.Value.IsDischarging);
        Assert.Equal(Power.Zero, atReserve.SetPoint);
        Assert.Equal(LoadFollowingReason.MinSocReached, atReserve.FollowingReason);
        Assert.Equal(HomePowerState.Backup, atReserve.State);
    }

    [Fact]
    public void In_Backup_a_silent_house_meter_discharges_nothing()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Input = rig.Input with { Settings = WithReserve };
        IslandStep(rig, 1500);
        Assert.True(IslandStep(rig, 1500).SetPoint!.Value.IsDischarging);

        var silent = IslandStep(rig, 1500, fresh: false);

        Assert.Equal(Power.Zero, silent.SetPoint);
        Assert.Equal(LoadFollowingReason.StaleMeter, silent.FollowingReason);
    }

    [Fact]
    public void The_backup_reserve_is_the_floor_of_normal_V2H_too()
    {
        var rig = new HomePowerRig(ChargeMode.PowerTheHouse);
        rig.Input = rig.Input with { Settings = WithReserve, Soc = new Percent(31.5) };

        var step = rig.Step(-1500);
        var plain = new HomePowerRig(ChargeMode.PowerTheHouse);
        plain.Input = plain.Input with { Soc = new Percent(31.5) };

        Assert.Equal(Power.Zero, step.SetPoint);
        Assert.Equal(LoadFollowingReason.MinSocReached, step.FollowingReason);
        Assert.True(plain.Step(-1500).SetPoint!.Value.IsDischarging);
    }

    [Fact]
    public void The_reserve_raises_min_SoC_only_when_it_is_larger()
    {
        Assert.Equal(new Percent(30), BackupReserve.Apply(new ChargeSettings(), new Percent(30)).MinSoc);
        Assert.Equal(new Percent(20), BackupReserve.Apply(new ChargeSettings(), new Percent(10)).MinSoc);
    }

    [Fact]
    public void A_frequency_event_leads_over_the_mode_and_Backup_over_a_frequency_event()
    {
        var rig = new HomePowerRig(ChargeMode.SolarOnly);
        rig.Input = rig.Input with { FrequencyResponse = Power.FromWatts(-3000), Planned = Power.FromWatts(2000) };

        var response = rig.Step(4000);
        Assert.Equal(Power.FromWatts(-3000), response.SetPoint);
        Assert.Equal(HomePowerState.FrequencyResponse, response.State);

        rig.Input = rig.Input with { Settings = WithReserve };
        var backup = Enumerable.Range(0, 6).Select(_ => IslandStep(rig, 600)).ToList();
        Assert.All(backup, s => Assert.Equal(HomePowerState.Backup, s.State));
        // Once the event's change has settled the car follows the 600 W house: the charger's minimum (6 A on one phase).
        Assert.Equal(Power.FromWatts(-6 * 230), backup[^1].SetPoint);

        rig.Input = rig.Input with { Backup = false, FrequencyResponse = null, Mode = ChargeMode.Automatic };
        Assert.Equal(HomePowerState.Off, rig.Step(0).State);
    }

    [Fact]
    public void Without_a_car_neither_Backup_nor_a_frequency_event_asks_for_power()
    {
        var rig = new HomePowerRig(ChargeMode.Automatic);
        rig.Input = rig.Input with { CarConnected = false, FrequencyResponse = Power.FromWatts(-3000), Backup = true };

        Assert.Equal(HomePowerStep.Off(HomePowerState.NoCar), rig.Step(0));
    }
}
