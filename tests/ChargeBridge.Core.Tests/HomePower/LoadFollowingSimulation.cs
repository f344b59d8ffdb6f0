using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Meters;
using ChargeBridge.Core.Settings;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>
/// Steps load following once per simulated second against <see cref="LoadFollowingChargerModel"/> and a house whose
/// net consumption (+ import, PV as negative) is a function of time. The meter reads the grid once a second.
/// </summary>
internal sealed class LoadFollowingSimulation(Func<TimeSpan, double> houseWatts, LoadFollowingDirection direction)
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly ChargerCapabilities Quasar = new(true, SetPointUnit.Amperes, Power.FromWatts(7400), Power.FromWatts(7400));

    public LoadFollowingSettings Settings { get; init; } = new();
    public Percent? Soc { get; init; } = new(60);
    public TimeSpan ReactionDelay { get; init; } = TimeSpan.FromSeconds(2);
    public double RampWattsPerSecond { get; init; } = 1000;

    public IReadOnlyList<LoadFollowingSimulationStep> Run(TimeSpan duration)
    {
        var second = TimeSpan.FromSeconds(1);
        var charger = new LoadFollowingChargerModel(ReactionDelay, RampWattsPerSecond);
        var (setPoint, writtenAt, change) = (Power.Zero, (DateTimeOffset?)null, Power.Zero);
        var steps = new List<LoadFollowingSimulationStep>();
        for (var t = second; t <= duration; t += second)
        {
            var now = Start + t;
            charger.Advance(now, second);
            var grid = Power.FromWatts(houseWatts(t)) + charger.Delivered;
            var input = new LoadFollowingInput(now, MeterReading.Read(now, grid), charger.Delivered, setPoint, writtenAt, change,
                Quasar, Soc, new ChargeSettings(), new Percent(97), direction);
            var decision = LoadFollowingController.Decide(input, Settings);
            if (decision.Changed)
            {
                charger.Command(decision.SetPoint, now);
                (setPoint, writtenAt, change) = (decision.SetPoint, now, decision.Change);
            }
            steps.Add(new(t, grid, decision.SetPoint, charger.Delivered, decision.Reason, decision.Changed));
        }
        return steps;
    }
}
