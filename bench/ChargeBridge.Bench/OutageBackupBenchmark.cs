using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Bench;

/// <summary>
/// Outage backup in virtual time: from an outage's first sign (the grid-status binary sensor going off) to the loads
/// switched off, to the discharge command, and to the simulated Quasar delivering it (within one ampere step), over 200 outages spread over the evening of the Amsterdam winter house-day (household
/// 24378, 2020-01-02, 1 s with the default noise), the first sign at every half second of the control pace. The rules
/// are Core's (<see cref="BackupController"/>, <see cref="HomePowerControl"/>) stepped at the pace, as the V2G app does.
/// Baselines in the same run: today's behaviour on the same outages (Backup off: the car in Automatic without a
/// schedule stays at 0 W), and the time of the control step that Backup reuses: load following in V2H. Options: the pace in seconds (default 5).
/// </summary>
internal sealed class OutageBackupBenchmark : IBenchmark
{
    public string Name => "outage-backup";

    private const int Trials = 200;
    private static readonly TimeSpan World = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Before = TimeSpan.FromMinutes(1), After = TimeSpan.FromMinutes(2);
    private static readonly Power OneAmpere = Power.FromWatts(230);

    public Task RunAsync(string[] args)
    {
        var pace = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5);
        GridEventReport.Machine($"dotnet run -c Release --project bench/ChargeBridge.Bench -- outage-backup {pace.TotalSeconds}");
        var house = HomePowerBenchmark.Read(r => HomeSimTraceReader.Amsterdam(r, 24378, new DateOnly(2020, 1, 2)), "nl_amsterdam_heatpump_households_5min_2020.csv")
            .Resample(TimeSpan.FromSeconds(1), HomeSimNoise.Default);

        var (loadsOff, command, covered, today) = (new List<double?>(), new List<double?>(), new List<double?>(), new List<double?>());
        for (var k = 0; k < Trials; k++)
        {
            // Spread over 16:00–23:00; the sign lands at every half second of the pace in turn.
            var offset = TimeSpan.FromTicks(World.Ticks * (k % (int)(pace / World)));
            var tick0 = house.Start + TimeSpan.FromHours(16) + TimeSpan.FromSeconds(Math.Round(7 * 3600.0 * k / Trials / pace.TotalSeconds) * pace.TotalSeconds);
            var outage = tick0 + Before + offset;
            var run = Trial(house, tick0, outage, pace, backupOn: true);
            (loadsOff, command, covered) = (Add(loadsOff, run.LoadsOff), Add(command, run.Command), Add(covered, run.Covered));
            today.Add(Trial(house, tick0, outage, pace, backupOn: false).Command);
        }

        Console.WriteLine(FormattableString.Invariant($"{Trials} outages, control pace {pace.TotalSeconds} s, DownFor {new BackupSettings().DownFor.TotalSeconds} s; times from the outage's first sign (virtual time):"));
        Console.WriteLine();
        Console.WriteLine("| from the first sign to | median | p95 | max | reacted |");
        Console.WriteLine("|---|---|---|---|---|");
        GridEventReport.LatencyRow("loads switched off", loadsOff);
        GridEventReport.LatencyRow("discharge command to the car", command);
        GridEventReport.LatencyRow("the car delivering it (within 230 W)", covered);
        GridEventReport.LatencyRow("today (Backup off): a discharge command (baseline)", today);
        Console.WriteLine();

        // Each case on its own controller, so neither's state (settling, timers) shapes the other's steps.
        var (rig, baseRig) = (new GridEventRig(70), new GridEventRig(70));
        var (now, then) = (house.Start, house.Start);
        var input = rig.Input(now, Power.FromWatts(1500), false, null);
        var backup = new BackupController(new BackupSettings());
        IReadOnlyList<LoadSwitchState> loads = [new("switch.heat_pump", true)];
        var house1500 = Power.FromWatts(1500);
        // The clock moves on by the pace each step, so the load window holds what it holds in use (15 min: 180 samples at 5 s).
        GridEventReport.StepRows("home power step in V2H (Power the house)", "Backup step + home power step in Backup", GridEventReport.StepNanoseconds(
            () => { then += pace; baseRig.Control.Step(input with { Now = then, Mode = Core.Control.ChargeMode.PowerTheHouse, Grid = Core.Meters.MeterReading.Read(then, Power.FromWatts(1500)) }); },
            () =>
            {
                now += pace;
                backup.Step(new BackupInput(now, GridSignal.Down, house1500, loads, input.Soc, GridEventRig.Settings));
                rig.Control.Step(input with { Now = now, Backup = true, HouseLoad = Core.Meters.MeterReading.Read(now, house1500) });
            }));
        return Task.CompletedTask;
    }

    private static List<double?> Add(List<double?> list, double? value)
    {
        list.Add(value);
        return list;
    }

    /// <summary>One outage at <paramref name="outage"/>, the control ticking every pace from <paramref name="tick0"/>.</summary>
    private static (double? LoadsOff, double? Command, double? Covered) Trial(HomeSimTrace house, DateTimeOffset tick0, DateTimeOffset outage, TimeSpan pace, bool backupOn)
    {
        var rig = new GridEventRig(70);
        var backup = new BackupController(new BackupSettings());
        IReadOnlyList<LoadSwitchState> loads = [new("switch.heat_pump", true)];
        double? loadsOff = null, covered = null;
        var inBackup = false;
        var nextTick = tick0;
        for (var now = tick0; now < outage + After; now += World)
        {
            var load = house.House[(int)((now - house.Start) / house.Step)];
            if (now >= nextTick)
            {
                nextTick += pace;
                if (backupOn)
                {
                    var step = backup.Step(new BackupInput(now, now >= outage ? GridSignal.Down : GridSignal.Up, load, loads, rig.Car.Soc, GridEventRig.Settings));
                    inBackup = step.Status.InBackup;
                    if (step.SwitchOff.Count > 0) loadsOff ??= (now - outage).TotalSeconds;
                }
                rig.Tick(now, load, inBackup, null);
            }
            rig.Car.Advance(now, World);
            if (rig.FirstCommandAt is { } sent && sent >= outage && rig.Car.LastSetPoint is { } asked && (rig.Car.Actual - asked).Abs() <= OneAmpere)
                covered ??= (now + World - outage).TotalSeconds;
        }
        return (loadsOff, rig.FirstCommandAt is { } at && at >= outage ? (at - outage).TotalSeconds : null, covered);
    }
}
