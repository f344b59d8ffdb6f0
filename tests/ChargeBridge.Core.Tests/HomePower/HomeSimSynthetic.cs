using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.HomePower;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.Tests.HomePower;

/// <summary>Small hand-made houses for the rule tests: segments of constant house and PV power at a 1 s pace.</summary>
internal static class HomeSimSynthetic
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A one-phase 6–32 A bidirectional charger set in amperes, like the Quasar.</summary>
    public static ChargerCapabilities Quasar => ChargerCapabilities.ForCurrent(bidirectional: true, phases: 1, minAmperes: 6, maxAmperes: 32);

    public static HomeSimCharger Car(ChargerCapabilities? capabilities = null) =>
        new(capabilities ?? Quasar, Energy.FromKilowattHours(60), new Percent(50));

    public static HomeSimTrace Trace(params (int Seconds, double HouseWatts, double PvWatts)[] segments)
    {
        var house = segments.SelectMany(s => Enumerable.Repeat(Power.FromWatts(s.HouseWatts), s.Seconds)).ToArray();
        var pv = segments.SelectMany(s => Enumerable.Repeat(Power.FromWatts(s.PvWatts), s.Seconds)).ToArray();
        return new HomeSimTrace(Start, TimeSpan.FromSeconds(1), house, pv);
    }

    /// <summary>Runs <paramref name="controller"/> over <paramref name="trace"/> and lists its commands as (seconds from the start, W).</summary>
    public static List<(double Seconds, double Watts)> Commands(HomeSimTrace trace, HomeSimCharger charger, Func<HomeSimState, Power?> controller)
    {
        var commands = new List<(double, double)>();
        HomeSimRun.Run(trace, charger, s =>
        {
            var setPoint = controller(s);
            if (setPoint is { } p) commands.Add(((s.Now - Start).TotalSeconds, p.Watts));
            return setPoint;
        });
        return commands;
    }
}
