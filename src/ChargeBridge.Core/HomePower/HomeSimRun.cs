using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// Runs a controller against a house trace and a simulated charger, one call per trace step (the control pace). At each
/// step: commands that have become due take effect, the controller sees the grid meter and may return a new set point
/// (null = send nothing), then the charger runs for the step and the grid flows are booked.
/// </summary>
public static class HomeSimRun
{
    public static HomeSimResult Run(HomeSimTrace trace, HomeSimCharger charger, Func<HomeSimState, Power?> controller)
    {
        var dt = trace.Step;
        var commandsAtStart = charger.Commands;
        var startsAtStart = charger.Starts;
        var stopsAtStart = charger.Stops;
        var byHour = new int[(int)Math.Ceiling((trace.End - trace.Start) / TimeSpan.FromHours(1))];
        Energy import = Energy.Zero, export = Energy.Zero, charged = Energy.Zero, fromSurplus = Energy.Zero,
            fromGrid = Energy.Zero, discharged = Energy.Zero, toHome = Energy.Zero;

        for (var i = 0; i < trace.Count; i++)
        {
            var now = trace.TimeAt(i);
            var houseLessPv = trace.House[i] - trace.Pv[i];
            charger.ApplyDue(now);
            var state = new HomeSimState(now, houseLessPv + charger.Actual, trace.Pv[i], charger.Actual,
                charger.LastSetPoint, charger.LastCommandAt, charger.Soc);
            if (controller(state) is { } setPoint)
            {
                charger.Command(now, setPoint);
                byHour[(int)((now - trace.Start) / TimeSpan.FromHours(1))]++;
            }

            var car = charger.Advance(now, dt);
            var baseFlow = houseLessPv.Over(dt);
            var net = baseFlow + car;
            if (net > Energy.Zero) import += net; else export -= net;
            if (car > Energy.Zero)
            {
                charged += car;
                // Charging first uses what would have been exported; the rest comes from the grid.
                var surplus = Max(-baseFlow, Energy.Zero);
                fromSurplus += Min(car, surplus);
                fromGrid += car - Min(car, surplus);
            }
            else if (car < Energy.Zero)
            {
                discharged -= car;
                // Discharging first covers what the house would have imported; the rest is exported.
                toHome += Min(-car, Max(baseFlow, Energy.Zero));
            }
        }

        return new HomeSimResult
        {
            Duration = trace.End - trace.Start,
            House = trace.HouseEnergy,
            Pv = trace.PvEnergy,
            GridImport = import,
            GridExport = export,
            Charged = charged,
            ChargedFromSurplus = fromSurplus,
            ChargedFromGrid = fromGrid,
            Discharged = discharged,
            VehicleToHome = toHome,
            Commands = charger.Commands - commandsAtStart,
            Starts = charger.Starts - startsAtStart,
            Stops = charger.Stops - stopsAtStart,
            CommandsByHour = byHour,
        };
    }

    private static Energy Min(Energy a, Energy b) => a < b ? a : b;
    private static Energy Max(Energy a, Energy b) => a > b ? a : b;
}
