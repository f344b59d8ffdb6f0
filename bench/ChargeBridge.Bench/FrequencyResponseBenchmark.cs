using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Bench;

/// <summary>
/// Frequency response in virtual time: from a frequency dip's first sample (50.00 → 49.70 Hz, read once a second as a
/// Shelly Pro 3EM reports it) to the discharge command and to the simulated Quasar delivering it, over 200 dips whose
/// first sample lands at every half second of the control pace, the car at 70 % in Automatic without a schedule. The
/// rules are Core's (<see cref="FrequencyResponseController"/>, <see cref="HomePowerControl"/>) stepped at the pace,
/// as the V2G app does. Baselines in the same run: today's behaviour on the same dips (no frequency response: the car
/// stays at 0 W), and the time of a load-following (V2H) control step. Options: the pace in seconds (default 5).
/// </summary>
internal sealed class FrequencyResponseBenchmark : IBenchmark
{
    public string Name => "frequency-response";

    private const int Trials = 200;
    private const double Nominal = 50.0, Dip = 49.7;
    private static readonly TimeSpan World = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(30), After = TimeSpan.FromSeconds(60);
    private static readonly Power House = Power.FromWatts(800);
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    public Task RunAsync(string[] args)
    {
        var pace = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5);
        GridEventReport.Machine($"dotnet run -c Release --project bench/ChargeBridge.Bench -- frequency-response {pace.TotalSeconds}");
        var settings = new FrequencyResponseSettings();
        var (command, delivered, today) = (new List<double?>(), new List<double?>(), new List<double?>());
        for (var k = 0; k < Trials; k++)
        {
            var dip = Start + Before + TimeSpan.FromTicks(World.Ticks * (k % (int)(pace / World)));
            var run = Trial(dip, pace, settings, responseOn: true);
            command.Add(run.Command);
            delivered.Add(run.Delivered);
            today.Add(Trial(dip, pace, settings, responseOn: false).Command);
        }

        Console.WriteLine(FormattableString.Invariant($"{Trials} dips to {Dip} Hz, control pace {pace.TotalSeconds} s, trigger {settings.TriggerAfter.TotalSeconds} s, {settings.DischargePower.Watts} W; times from the dip's first sample (virtual time):"));
        Console.WriteLine();
        Console.WriteLine("| from the first sample to | median | p95 | max | reacted |");
        Console.WriteLine("|---|---|---|---|---|");
        GridEventReport.LatencyRow("discharge command to the car", command);
        GridEventReport.LatencyRow("the car delivering it (within 230 W)", delivered);
        GridEventReport.LatencyRow("today (no frequency response): a discharge command (baseline)", today);
        Console.WriteLine();

        // Each case on its own controller, so neither's state (settling, timers) shapes the other's steps.
        var (rig, baseRig) = (new GridEventRig(70), new GridEventRig(70));
        var (now, then) = (Start, Start);
        var input = rig.Input(now, House, false, null);
        // An event that runs on (no duration, count or energy cap): the step as it is while the car answers a dip.
        var response = new FrequencyResponseController(settings with
        {
            MaxDuration = TimeSpan.MaxValue, MaxEventsPerDay = int.MaxValue, MaxEnergyPerDay = Energy.FromKilowattHours(double.MaxValue),
        });
        var today0 = DateOnly.FromDateTime(Start.UtcDateTime);
        GridEventReport.StepRows("home power step in V2H (Power the house)", "frequency response step + home power step during an event", GridEventReport.StepNanoseconds(
            () => { then += pace; baseRig.Control.Step(input with { Now = then, Mode = Core.Control.ChargeMode.PowerTheHouse, Grid = Core.Meters.MeterReading.Read(then, Power.FromWatts(1500)) }); },
            () =>
            {
                now += pace;
                var step = response.Step(new FrequencyResponseInput(now, today0, Dip, true, input.Soc, input.ChargerPower, GridEventRig.Settings, GridEventRig.Quasar));
                rig.Control.Step(input with { Now = now, FrequencyResponse = step.SetPoint });
            }));
        return Task.CompletedTask;
    }

    /// <summary>One dip from <paramref name="dip"/> on; the meter samples once a second, the control ticks every pace.</summary>
    private static (double? Command, double? Delivered) Trial(DateTimeOffset dip, TimeSpan pace, FrequencyResponseSettings settings, bool responseOn)
    {
        var rig = new GridEventRig(70);
        var response = new FrequencyResponseController(settings);
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        double? delivered = null;
        var (nextTick, nextSample, hz) = (Start, Start, Nominal);
        for (var now = Start; now < dip + After; now += World)
        {
            if (now >= nextSample)
            {
                hz = now >= dip ? Dip : Nominal;
                nextSample += TimeSpan.FromSeconds(1);
            }
            if (now >= nextTick)
            {
                nextTick += pace;
                var setPoint = responseOn
                    ? response.Step(new FrequencyResponseInput(now, today, hz, true, rig.Car.Soc, rig.Car.Actual, GridEventRig.Settings, GridEventRig.Quasar)).SetPoint
                    : null;
                rig.Tick(now, House, false, setPoint);
            }
            rig.Car.Advance(now, World);
            if (rig.FirstCommandAt is not null && rig.Car.LastSetPoint is { } asked && asked.IsDischarging && (rig.Car.Actual - asked).Abs() <= Power.FromWatts(230))
                delivered ??= (now + World - dip).TotalSeconds;
        }
        return (rig.FirstCommandAt is { } at ? (at - dip).TotalSeconds : null, delivered);
    }
}
