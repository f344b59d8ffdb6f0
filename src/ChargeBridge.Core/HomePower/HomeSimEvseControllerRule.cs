using ChargeBridge.Core.Chargers;
using ChargeBridge.Core.Units;

namespace ChargeBridge.Core.HomePower;

/// <summary>
/// The load-following rule of evse-controller (github.com/robynrox/evse-controller, written for the Wallbox Quasar),
/// re-implemented from its description: once a second, new current = last current − round(grid W / voltage), clamped
/// to the charger's limits, with |I| ≤ 2 A sent as 0 and 2 A &lt; |I| &lt; minimum raised to the minimum. After each
/// change it waits before the next, longer for bigger steps — the delays evse-controller's Wallbox driver publishes:
/// 21.9 s when starting from 0 A, 5.9 s for a change of ≤ 1 A, 7.9 s for ≤ 2 A, 10.9 s above. Bidirectional by default
/// (LOAD_FOLLOW_BIDIRECTIONAL); <paramref name="allowCharge"/> false gives V2H only, <paramref name="allowDischarge"/>
/// false solar capture only. Use <see cref="Decide"/> as the <see cref="HomeSimRun"/> controller.
/// </summary>
public sealed class HomeSimEvseControllerRule(ChargerCapabilities capabilities, bool allowCharge = true, bool allowDischarge = true)
{
    private readonly int _maxChargeAmperes = allowCharge ? (int)Math.Floor(capabilities.AmperesFor(capabilities.MaxChargePower)) : 0;
    private readonly int _maxDischargeAmperes =
        allowDischarge && capabilities.Bidirectional ? (int)Math.Floor(capabilities.AmperesFor(capabilities.MaxDischargePower)) : 0;
    private readonly int _minAmperes = (int)Math.Ceiling(capabilities.AmperesFor(capabilities.MinPower) - 1e-9);
    private int _current;
    private DateTimeOffset _nextChangeAllowed = DateTimeOffset.MinValue;

    public Power? Decide(HomeSimState state)
    {
        if (state.Now < _nextChangeAllowed) return null;
        var volts = ChargerCapabilities.PhaseVoltage * capabilities.Phases;
        var wanted = Math.Clamp(_current - (int)Math.Round(state.Grid.Watts / volts), -_maxDischargeAmperes, _maxChargeAmperes);
        if (Math.Abs(wanted) <= 2) wanted = 0;
        else if (Math.Abs(wanted) < _minAmperes) wanted = Math.Sign(wanted) * _minAmperes;
        if (wanted == _current) return null;

        _nextChangeAllowed = state.Now + SettlingWait(_current, wanted);
        _current = wanted;
        return ChargerCapabilities.PowerAt(wanted, capabilities.Phases);
    }

    /// <summary>The charger needs longer to settle after a start or a big step before the meter shows the result.</summary>
    public static TimeSpan SettlingWait(int fromAmperes, int toAmperes)
    {
        var step = Math.Abs(toAmperes - fromAmperes);
        var seconds = fromAmperes == 0 && toAmperes != 0 ? 21.9 : step <= 1 ? 5.9 : step <= 2 ? 7.9 : 10.9;
        return TimeSpan.FromSeconds(seconds);
    }
}
