using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// chargemanager's "tracked" mode (github.com/tcoq/chargemanager, NRGKICK charger with a SolarEdge inverter),
/// re-implemented from its README and the behaviour of its strategy loop. Every <see cref="Interval"/> (10 s) it samples
/// the power available without the car (PV − house = car − grid):
/// <list type="bullet">
/// <item>the available power averaged over the last <see cref="AverageWindow"/> (4 min) picks a range in
/// <see cref="RangeStep"/> (500 W) steps, 0 below the charger's minimum; the current is the range's whole amperes, at
/// least the minimum;</item>
/// <item>a new range is applied only after it has differed from the applied one at <see cref="Hold"/> (5 min) of
/// consecutive samples, the first decision at once — so the current changes at most every 5 minutes;</item>
/// <item>clouds: when PV over the last 15 min is falling (its first two samples fall) and its standard deviation exceeds peak / 16, a counter rises by
/// 2 per sample (to 60), else falls by 1; above 35 it is cloudy and the range is cut to the minimum.</item>
/// </list>
/// The original's per-phase range tables (2 and 3 phases), house-battery SoC gate and battery protection are left out:
/// this house has no battery, and the ranges follow from the charger's minimum and the step instead of a table.
/// Use <see cref="Decide"/> as the controller.
/// </summary>
public sealed class HomeSimChargeManagerRule(ChargerCapabilities capabilities, Power pvPeak)
{
    private static readonly TimeSpan CloudWindow = TimeSpan.FromMinutes(15);
    private const int CloudyAbove = 35;
    private const int CloudyMax = 60;

    private readonly Queue<(DateTimeOffset At, double Available, double Pv)> _samples = new();
    private DateTimeOffset _nextSample = DateTimeOffset.MinValue;
    private double? _appliedRange;
    private int _changeCount;
    private int _cloudyCounter;
    private bool _cloudy;
    private Power _setPoint = Power.Zero;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan AverageWindow { get; init; } = TimeSpan.FromMinutes(4);
    public TimeSpan Hold { get; init; } = TimeSpan.FromMinutes(5);
    public Power RangeStep { get; init; } = Power.FromWatts(500);

    public bool Cloudy => _cloudy;

    public Power? Decide(HomeSimState state)
    {
        if (state.Now < _nextSample) return null;
        _nextSample = state.Now + Interval;
        _samples.Enqueue((state.Now, (state.ChargerActual - state.Grid).Watts, state.Pv.Watts));
        while (state.Now - _samples.Peek().At > CloudWindow) _samples.Dequeue();

        var available = _samples.Where(s => state.Now - s.At < AverageWindow).Average(s => s.Available);
        var range = Range(available);
        UpdateClouds();
        if (_cloudy && range > 0) range = capabilities.MinPower.Watts;

        if (_appliedRange is null || _changeCount >= Hold / Interval)
        {
            _appliedRange = range;
            _changeCount = 0;
        }
        else if (range != _appliedRange) _changeCount++;
        else _changeCount = 0;

        var setPoint = SetPointFor(_appliedRange.Value);
        if (setPoint == _setPoint) return null;
        _setPoint = setPoint;
        return setPoint;
    }

    private double Range(double available) =>
        available < capabilities.MinPower.Watts ? 0 : Math.Floor(available / RangeStep.Watts) * RangeStep.Watts;

    private Power SetPointFor(double range)
    {
        if (range <= 0) return Power.Zero;
        var minAmperes = Math.Ceiling(capabilities.AmperesFor(capabilities.MinPower) - 1e-9);
        var amperes = Math.Max(minAmperes, Math.Floor(capabilities.AmperesFor(Power.FromWatts(range))));
        return ChargerCapabilities.PowerAt(amperes, capabilities.Phases).Clamp(Power.Zero, capabilities.MaxChargePower);
    }

    /// <summary>A falling, jumpy PV curve means clouds: charge at the minimum so a dip does not pull from the grid.</summary>
    private void UpdateClouds()
    {
        var pv = _samples.Select(s => s.Pv).ToArray();
        var deviation = 0.0;
        if (pv.Length > 1 && pv[1] < pv[0])
        {
            var producing = pv.Where(p => p > 10).ToArray();
            if (producing.Length > 1)
            {
                var mean = producing.Average();
                deviation = Math.Sqrt(producing.Sum(p => (p - mean) * (p - mean)) / (producing.Length - 1));
            }
        }
        _cloudyCounter = deviation > pvPeak.Watts / 16 ? Math.Min(_cloudyCounter + 2, CloudyMax) : Math.Max(_cloudyCounter - 1, 0);
        if (_cloudyCounter > CloudyAbove)
        {
            if (!_cloudy) _cloudyCounter = CloudyMax;
            _cloudy = true;
        }
        else _cloudy = false;
    }
}
