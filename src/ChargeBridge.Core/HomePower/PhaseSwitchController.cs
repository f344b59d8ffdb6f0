namespace ChargeBridge.Core.HomePower;

/// <summary>
/// 1p/3p switching for a charger that can: down to one phase when surplus cannot hold the 3-phase minimum for the
/// disable delay but can hold the 1-phase one, up to three when surplus exceeds the 1-phase maximum for the enable
/// delay. A switch is never made while power flows. The controller sees a switch when the capabilities' phases change
/// and then ignores measurements for the settle time, as the car and charger need a while to draw steadily again.
/// </summary>
public sealed class PhaseSwitchController(PvSurplusSettings settings)
{
    private int? _phasesSeen;
    private int? _pending;
    private DateTimeOffset? _switchedAt;
    private DateTimeOffset? _downSince;
    private DateTimeOffset? _upSince;

    public PvSurplusSettings Settings { get; } = settings;

    public PhaseSwitchDecision Step(in PhaseSwitchInput input)
    {
        var capabilities = input.Capabilities;
        var phases = capabilities.Phases;
        if (!capabilities.CanSwitchPhases)
        {
            _phasesSeen = phases;
            _pending = null;
            ResetTimers();
            return new(phases, false, PhaseSwitchReason.NotSwitchable, null);
        }

        if (_phasesSeen is { } seen && seen != phases)
        {
            _switchedAt = input.Now;
            _pending = null;
            ResetTimers();
        }
        _phasesSeen = phases;

        // Once decided, a switch is carried through: the stop it needs would otherwise reset the surplus that chose it.
        if (_pending is { } wanted) return Switch(wanted, input);

        if (_switchedAt is { } at && input.Now - at < Settings.PhaseSwitchSettleTime)
            return new(phases, false, PhaseSwitchReason.Settling, Settings.PhaseSwitchSettleTime - (input.Now - at));

        if (input.Surplus is not { } surplus)
        {
            ResetTimers();
            return new(phases, false, PhaseSwitchReason.Stay, null);
        }

        var one = PvSurplusLimits.For(capabilities, 1);
        var three = PvSurplusLimits.For(capabilities, 3);
        if (phases > 1)
        {
            _upSince = null;
            if (surplus >= three.Min || surplus < one.Min)
            {
                _downSince = null;
                return new(phases, false, PhaseSwitchReason.Stay, null);
            }
            _downSince ??= input.Now;
            return Wait(1, _downSince.Value, Settings.DisableDelay, PhaseSwitchReason.WaitingToSwitchDown, input);
        }

        _downSince = null;
        if (surplus <= one.Max || surplus < three.Min)
        {
            _upSince = null;
            return new(phases, false, PhaseSwitchReason.Stay, null);
        }
        _upSince ??= input.Now;
        return Wait(3, _upSince.Value, Settings.EnableDelay, PhaseSwitchReason.WaitingToSwitchUp, input);
    }

    private PhaseSwitchDecision Wait(int wanted, DateTimeOffset since, TimeSpan delay, PhaseSwitchReason waiting, in PhaseSwitchInput input)
    {
        var waited = input.Now - since;
        if (waited < delay) return new(input.Capabilities.Phases, false, waiting, delay - waited);
        _pending = wanted;
        ResetTimers();
        return Switch(wanted, input);
    }

    private PhaseSwitchDecision Switch(int wanted, in PhaseSwitchInput input) =>
        new(wanted, input.CarPower >= Settings.IdleBelow,
            wanted < input.Capabilities.Phases ? PhaseSwitchReason.SwitchDown : PhaseSwitchReason.SwitchUp, null);

    /// <summary>Forgets a decided switch and the delays' timers, e.g. after steps the controller did not see; a switch
    /// it saw still gets its settle time.</summary>
    public void Reset()
    {
        _pending = null;
        ResetTimers();
    }

    private void ResetTimers()
    {
        _downSince = null;
        _upSince = null;
    }
}
