using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// evcc's "pv" mode, re-implemented from its documentation (docs.evcc.io: loadpoint thresholds enable/disable with their
/// delays, and the site <c>interval</c>): every <see cref="Interval"/> (30 s) the target current is the current set plus
/// the export divided by the voltage, rounded down to whole amperes (so rounding never imports) and capped at the
/// maximum. Charging starts once the export could carry the minimum power plus <see cref="EnableThreshold"/> for
/// <see cref="EnableDelay"/> (1 min); while charging, a target below the minimum holds the minimum, and charging stops
/// once the grid would import more than <see cref="DisableThreshold"/> at the minimum for <see cref="DisableDelay"/>
/// (3 min). A command is sent only when the current changes. Use <see cref="Decide"/> as the controller.
/// </summary>
public sealed class HomeSimEvccPvRule(ChargerCapabilities capabilities)
{
    private readonly double _volts = ChargerCapabilities.PhaseVoltage * capabilities.Phases;
    private readonly int _minAmperes = (int)Math.Ceiling(capabilities.AmperesFor(capabilities.MinPower) - 1e-9);
    private readonly int _maxAmperes = (int)Math.Floor(capabilities.AmperesFor(capabilities.MaxChargePower));
    private int _current;
    private DateTimeOffset _nextCycle = DateTimeOffset.MinValue;
    private DateTimeOffset? _enableSince;
    private DateTimeOffset? _disableSince;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan EnableDelay { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan DisableDelay { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Export needed beyond the minimum power before charging starts (evcc default 0 W).</summary>
    public Power EnableThreshold { get; init; } = Power.Zero;

    /// <summary>Import allowed at the minimum current before charging stops (evcc default 0 W).</summary>
    public Power DisableThreshold { get; init; } = Power.Zero;

    public Power? Decide(HomeSimState state)
    {
        if (state.Now < _nextCycle) return null;
        _nextCycle = state.Now + Interval;
        var target = _current + -state.Grid.Watts / _volts;
        var wanted = _current == 0 ? WhenStopped(state, target) : WhenCharging(state, target);
        if (wanted == _current) return null;
        _current = wanted;
        return ChargerCapabilities.PowerAt(wanted, capabilities.Phases);
    }

    private int WhenStopped(HomeSimState state, double target)
    {
        _disableSince = null;
        if (-state.Grid.Watts < capabilities.MinPower.Watts + EnableThreshold.Watts)
        {
            _enableSince = null;
            return 0;
        }
        _enableSince ??= state.Now;
        return state.Now - _enableSince >= EnableDelay ? Math.Clamp((int)Math.Floor(target), _minAmperes, _maxAmperes) : 0;
    }

    private int WhenCharging(HomeSimState state, double target)
    {
        _enableSince = null;
        if (target >= _minAmperes)
        {
            _disableSince = null;
            return Math.Min((int)Math.Floor(target), _maxAmperes);
        }
        var importAtMinimum = state.Grid.Watts + (_minAmperes - _current) * _volts;
        if (importAtMinimum <= DisableThreshold.Watts)
        {
            _disableSince = null;
            return _minAmperes;
        }
        _disableSince ??= state.Now;
        return state.Now - _disableSince >= DisableDelay ? 0 : _minAmperes;
    }
}
