using BenchmarkDotNet.Attributes;
using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Control;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Site;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Bench;

/// <summary>
/// One step of each home-power controller in Core, with allocations, by BenchmarkDotNet in process: load following,
/// PV surplus (its damping window full), phase switching and the grid limit for two loadpoints. Baseline in the same
/// run: the charge-mode decision every loadpoint already takes each minute (<see cref="ChargeModeController"/>).
/// </summary>
internal sealed class ControllerStepBenchmark : IBenchmark
{
    public string Name => "controller-step";

    public Task RunAsync(string[] args)
    {
        InProcessBenchmarks.Run<ControllerStepCases>();
        return Task.CompletedTask;
    }
}

/// <summary>The cases BenchmarkDotNet times; public because it generates code against them.</summary>
public class ControllerStepCases
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChargerCapabilities Quasar = ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, 6, 32);
    private static readonly ChargerCapabilities ThreePhase = ChargerCapabilities.ForCurrent(bidirectional: false, phases: 3, 6, 16, canSwitchPhases: true);
    private static readonly ChargeSettings Settings = new();
    private readonly LoadFollowingSettings _followSettings = new();
    private LoadFollowingInput _follow;
    private PvSurplusController _surplus = null!;
    private MeterReading[] _gridReadings = null!;
    private int _reading;
    private PhaseSwitchController _phases = null!;
    private PhaseSwitchInput _phaseInput;
    private GridLimitRequest[] _requests = null!;
    private readonly GridConnection _grid = new(Power.FromWatts(17250), null);
    private readonly GridLimitSettings _gridSettings = new(Power.FromWatts(500));
    private ControlInput _mode = null!;

    [GlobalSetup]
    public void Setup()
    {
        _follow = new LoadFollowingInput(T0, MeterReading.Read(T0, Power.FromWatts(1800)), Power.FromWatts(-1500), Power.FromWatts(-1500),
            T0.AddSeconds(-30), Power.FromWatts(1500), Quasar, new Percent(60), Settings, new Percent(97), LoadFollowingDirection.V2H);
        _surplus = new PvSurplusController(new PvSurplusSettings());
        // The meter makes one reading per read: an hour of them is made beforehand, so the case times the step alone
        // (at the wrap the time jumps back an hour, one step in 3600).
        _gridReadings = new MeterReading[3600];
        for (var i = 0; i < _gridReadings.Length; i++)
            _gridReadings[i] = MeterReading.Read(T0.AddSeconds(i), Power.FromWatts(-6000 + (i % 7) * 40));
        _phases = new PhaseSwitchController(new PvSurplusSettings());
        // Ten minutes of one-second steps fill the damping window, as in steady state.
        for (var i = 0; i < 600; i++) SurplusStep();
        _phaseInput = new PhaseSwitchInput(T0.AddSeconds(600), Power.FromWatts(6000), Power.FromWatts(5520), ThreePhase);
        _requests =
        [
            new(LoadpointName.Parse("garage", out _)!.Value, 1, Quasar, Power.FromWatts(7400), true),
            new(LoadpointName.Parse("driveway", out _)!.Value, 2, ThreePhase, Power.FromWatts(11040), false),
        ];
        _mode = new ControlInput(T0, ChargeMode.Automatic, new Percent(60), true, true, false, Power.FromWatts(7400), Settings, Quasar, new Percent(97));
    }

    [Benchmark]
    public LoadFollowingDecision LoadFollowing() => LoadFollowingController.Decide(_follow, _followSettings);

    [Benchmark]
    public PvSurplusDecision PvSurplus() => SurplusStep();

    [Benchmark]
    public PhaseSwitchDecision PhaseSwitch() => _phases.Step(_phaseInput);

    [Benchmark]
    public GridLimitAllocation GridLimitTwoLoadpoints() => GridLimitAllocator.Allocate(Power.FromWatts(3000), _grid, _gridSettings, _requests);

    [Benchmark(Baseline = true)]
    public ControlDecision ChargeModeDecision() => ChargeModeController.Decide(_mode);

    private PvSurplusDecision SurplusStep()
    {
        var grid = _gridReadings[_reading];
        _reading = (_reading + 1) % _gridReadings.Length;
        var input = new PvSurplusInput(grid.At!.Value, grid, Power.FromWatts(5520), ThreePhase, PvSurplusMode.SolarOnly)
        {
            PvPower = Power.FromWatts(8000 + (_reading % 5) * 30),
        };
        return _surplus.Step(input);
    }
}
