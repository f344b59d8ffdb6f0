using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;
using Microsoft.Extensions.Time.Testing;

namespace ChargeBridge.Core.Tests.HomePower;

public class BackupControllerTests
{
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero));
    private readonly BackupController _backup = new(new BackupSettings());
    private IReadOnlyList<LoadSwitchState> _loads = [new("switch.heat_pump", true), new("switch.dryer", false), new("switch.boiler", true), new("switch.pool", null)];

    private BackupStep Step(GridSignal signal, double houseWatts = 800, double? soc = 80, ChargeSettings? car = null) =>
        _backup.Step(new BackupInput(_clock.GetUtcNow(), signal, Power.FromWatts(houseWatts), _loads, soc is { } s ? new Percent(s) : null, car ?? new ChargeSettings()));

    /// <summary>Steps at the control pace for <paramref name="span"/>, the clock moving on after each; the last step.</summary>
    private BackupStep Run(GridSignal signal, TimeSpan span, double houseWatts = 800)
    {
        BackupStep last = null!;
        for (var t = TimeSpan.Zero; t < span; t += Pace)
        {
            last = Step(signal, houseWatts);
            _clock.Advance(Pace);
        }
        return last;
    }

    private BackupStep StartBackup()
    {
        Run(GridSignal.Up, TimeSpan.FromMinutes(1));
        Step(GridSignal.Down);
        _clock.Advance(Pace);
        var started = Step(GridSignal.Down);
        Assert.True(started.Status.Started);
        _clock.Advance(Pace);
        return started;
    }

    [Fact]
    public void An_outage_starts_Backup_once_the_source_has_said_down_for_the_set_time()
    {
        Run(GridSignal.Up, TimeSpan.FromMinutes(1));

        var first = Step(GridSignal.Down);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var early = Step(GridSignal.Down);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var started = Step(GridSignal.Down);

        Assert.False(first.Status.InBackup);
        Assert.Equal(TimeSpan.FromSeconds(5), first.Status.Remaining);
        Assert.False(early.Status.InBackup);
        Assert.True(started.Status.InBackup);
        Assert.True(started.Status.Started);
    }

    [Fact]
    public void Backup_ends_only_after_the_grid_has_been_back_for_the_hold_time()
    {
        StartBackup();

        var held = Run(GridSignal.Up, TimeSpan.FromMinutes(5));
        var ended = Step(GridSignal.Up);

        Assert.True(held.Status.InBackup);
        Assert.False(held.Status.Ended);
        Assert.False(ended.Status.InBackup);
        Assert.True(ended.Status.Ended);
    }

    [Fact]
    public void A_flapping_source_neither_starts_Backup_on_short_drops_nor_ends_it_on_short_returns()
    {
        // Down for one pace at a time never reaches the 5 s wait of a second reading 5 s later... so drops of 4 s.
        for (var i = 0; i < 20; i++)
        {
            Assert.False(Step(GridSignal.Down).Status.InBackup);
            _clock.Advance(TimeSpan.FromSeconds(4));
            Assert.False(Step(GridSignal.Up).Status.InBackup);
            _clock.Advance(TimeSpan.FromSeconds(4));
        }
        StartBackup();
        // Back for 4 minutes, gone for a moment, back again: the hold starts over, the site stays in Backup.
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Run(GridSignal.Up, TimeSpan.FromMinutes(4)).Status.InBackup);
            Assert.True(Step(GridSignal.Down).Status.InBackup);
            _clock.Advance(Pace);
        }
    }

    [Fact]
    public void An_unknown_reading_restarts_both_waits()
    {
        Step(GridSignal.Down);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Step(GridSignal.Unknown);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(Step(GridSignal.Down).Status.InBackup);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(Step(GridSignal.Down).Status.InBackup);

        _clock.Advance(Pace);
        Run(GridSignal.Up, TimeSpan.FromMinutes(4));
        Step(GridSignal.Unknown);
        _clock.Advance(Pace);
        Assert.True(Run(GridSignal.Up, TimeSpan.FromMinutes(4)).Status.InBackup);
        // A sensor that stays unavailable keeps the site where it is.
        Assert.True(Run(GridSignal.Unknown, TimeSpan.FromHours(1)).Status.InBackup);
    }

    [Fact]
    public void Only_the_loads_that_were_on_are_switched_off_and_then_back_on()
    {
        var started = StartBackup();
        // During Backup someone turns the dryer on by hand: it was not switched off by Backup, so it is not restored either.
        _loads = [new("switch.heat_pump", false), new("switch.dryer", true), new("switch.boiler", false), new("switch.pool", null)];
        var during = Run(GridSignal.Down, TimeSpan.FromMinutes(10));
        Run(GridSignal.Up, TimeSpan.FromMinutes(5));
        var ended = Step(GridSignal.Up);

        Assert.Equal(["switch.heat_pump", "switch.boiler"], started.SwitchOff);
        Assert.Empty(started.SwitchOn);
        Assert.Empty(during.SwitchOff);
        Assert.Empty(during.SwitchOn);
        Assert.True(ended.Status.Ended);
        Assert.Equal(["switch.heat_pump", "switch.boiler"], ended.SwitchOn);
        Assert.Empty(ended.SwitchOff);
        Assert.Empty(_backup.Shed);
    }

    [Fact]
    public void Hours_left_are_the_energy_above_the_reserve_over_the_recent_mean_load()
    {
        // 20 minutes at 2 kW, then 15 minutes at 500 W: the 15-minute mean is 500 W.
        Run(GridSignal.Up, TimeSpan.FromMinutes(20), 2000);
        var step = Run(GridSignal.Up, TimeSpan.FromMinutes(15), 500);
        var car = new ChargeSettings { Capacity = Energy.FromKilowattHours(60), MinSoc = new Percent(20), RoundTripEfficiency = new Percent(81) };

        var estimate = _backup.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(500), _loads, new Percent(70), car));

        // Above the 30 % reserve (larger than min SoC): 40 % of 60 kWh = 24 kWh, after √0.81 = 0.9 discharge losses 21.6 kWh.
        Assert.Equal(500, step.RecentLoad!.Value.Watts, 6);
        Assert.Equal(21.6, estimate.AboveReserve!.Value.KilowattHours, 6);
        Assert.Equal(43.2, estimate.HoursLeft!.Value, 6);
    }

    [Fact]
    public void Hours_left_count_from_min_SoC_when_it_is_above_the_reserve_and_are_unknown_without_SoC_or_load()
    {
        Run(GridSignal.Up, TimeSpan.FromMinutes(15), 1000);
        var car = new ChargeSettings { Capacity = Energy.FromKilowattHours(50), MinSoc = new Percent(40), RoundTripEfficiency = new Percent(100) };

        var above = _backup.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(1000), _loads, new Percent(50), car));
        var noSoc = _backup.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(1000), _loads, null, car));
        var fresh = new BackupController(new BackupSettings())
            .Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, null, _loads, new Percent(50), car));

        Assert.Equal(5, above.HoursLeft!.Value, 6);
        Assert.Null(noSoc.HoursLeft);
        Assert.Null(fresh.RecentLoad);
        Assert.Null(fresh.HoursLeft);
    }

    [Fact]
    public void A_silent_house_meter_keeps_the_last_known_mean()
    {
        Run(GridSignal.Up, TimeSpan.FromMinutes(15), 1200);

        var silent = _backup.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, null, _loads, new Percent(60), new ChargeSettings()));

        Assert.Equal(1200, silent.RecentLoad!.Value.Watts, 6);
    }

    [Fact]
    public void Memory_holds_the_start_and_the_shed_loads_in_Backup_and_nothing_after()
    {
        Assert.False(_backup.Memory.InBackup);
        var startedAt = _clock.GetUtcNow() + TimeSpan.FromMinutes(1) + Pace;
        StartBackup();

        var during = _backup.Memory;
        Run(GridSignal.Up, TimeSpan.FromMinutes(5));
        Step(GridSignal.Up);

        Assert.True(during.InBackup);
        Assert.Equal(startedAt, during.Since);
        Assert.Equal(["switch.heat_pump", "switch.boiler"], during.Shed);
        Assert.True(during.IsValid);
        Assert.False(_backup.Memory.InBackup);
        Assert.Null(_backup.Memory.Since);
        Assert.Empty(_backup.Memory.Shed);
    }

    [Fact]
    public void Restored_while_the_grid_is_up_the_shed_loads_come_back_on_after_the_hold()
    {
        StartBackup();
        var memory = _backup.Memory;
        _loads = [new("switch.heat_pump", false), new("switch.dryer", false), new("switch.boiler", false), new("switch.pool", null)];
        var restarted = new BackupController(new BackupSettings(), memory);

        var steps = new List<BackupStep>();
        for (var t = TimeSpan.Zero; t < TimeSpan.FromMinutes(5); t += Pace)
        {
            steps.Add(restarted.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(800), _loads, new Percent(80), new ChargeSettings())));
            _clock.Advance(Pace);
        }
        var sinceBeforeEnd = restarted.Since;
        var last = restarted.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(800), _loads, new Percent(80), new ChargeSettings()));

        Assert.All(steps, s => Assert.True(s.Status.InBackup));
        Assert.All(steps, s => Assert.Empty(s.SwitchOn));
        Assert.All(steps, s => Assert.Empty(s.SwitchOff));
        Assert.Equal(memory.Since, sinceBeforeEnd);
        Assert.True(last.Status.Ended);
        Assert.Equal(["switch.heat_pump", "switch.boiler"], last.SwitchOn);
        Assert.False(restarted.Memory.InBackup);
        Assert.Empty(restarted.Memory.Shed);
    }

    [Fact]
    public void Restored_while_the_grid_is_still_down_Backup_goes_on_with_the_loads_still_shed()
    {
        StartBackup();
        var memory = _backup.Memory;
        // While ChargeBridge was down the household switched the dryer on by hand: it is not switched off.
        _loads = [new("switch.heat_pump", false), new("switch.dryer", true), new("switch.boiler", false), new("switch.pool", null)];
        var restarted = new BackupController(new BackupSettings(), memory);
        BackupStep Next(GridSignal signal)
        {
            var step = restarted.Step(new BackupInput(_clock.GetUtcNow(), signal, Power.FromWatts(800), _loads, new Percent(80), new ChargeSettings()));
            _clock.Advance(Pace);
            return step;
        }

        var down = Enumerable.Range(0, 720).Select(_ => Next(GridSignal.Down)).ToList();
        var stillShed = restarted.Shed.ToList();
        var held = Enumerable.Range(0, 60).Select(_ => Next(GridSignal.Up)).ToList();
        var ended = Next(GridSignal.Up);

        // An hour more of outage: still in Backup, no new start (nothing switched off again, no second alert), nothing on.
        Assert.All(down, s => Assert.True(s.Status.InBackup));
        Assert.All(down, s => Assert.False(s.Status.Started));
        Assert.All(down, s => Assert.Empty(s.SwitchOff));
        Assert.All(down, s => Assert.Empty(s.SwitchOn));
        Assert.Equal(["switch.heat_pump", "switch.boiler"], stillShed);
        Assert.All(held, s => Assert.True(s.Status.InBackup));
        Assert.True(ended.Status.Ended);
        Assert.Equal(["switch.heat_pump", "switch.boiler"], ended.SwitchOn);
    }

    [Fact]
    public void A_memory_that_cannot_be_true_is_not_restored()
    {
        var damaged = new[]
        {
            new BackupMemory(false, null, ["switch.heat_pump"]),
            new BackupMemory(true, null, ["switch.heat_pump"]),
            new BackupMemory(true, _clock.GetUtcNow(), [" "]),
            new BackupMemory(false, _clock.GetUtcNow(), []),
        };

        foreach (var memory in damaged)
        {
            Assert.False(memory.IsValid);
            var controller = new BackupController(new BackupSettings(), memory);
            var step = controller.Step(new BackupInput(_clock.GetUtcNow(), GridSignal.Up, Power.FromWatts(800), _loads, new Percent(80), new ChargeSettings()));
            Assert.False(step.Status.InBackup);
            Assert.Empty(controller.Shed);
        }
    }
}
